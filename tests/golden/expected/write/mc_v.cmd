mergecap -v > /dev/null
