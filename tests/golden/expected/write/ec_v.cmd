editcap -v > /dev/null
