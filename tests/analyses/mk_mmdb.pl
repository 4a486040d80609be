#!/usr/bin/perl
# mk_mmdb.pl OUT [asn] -- a GeoIP2-Country-layout test database (with AS fields)
# for the addresses of mkcap's "basic" capture; with "asn", a GeoLite2-ASN-layout
# one instead (AS fields only).  Debian's libmaxmind-db-writer-perl.
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;
my %types = (
	country => 'map', iso_code => 'utf8_string', names => 'map', en => 'utf8_string',
	autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string',
);
my $tree = MaxMind::DB::Writer::Tree->new(
	ip_version => 6, record_size => 24, database_type => 'GeoIP2-Country',
	languages => ['en'], description => { en => 'wiresift test' },
	($ARGV[1] // '') eq 'asn' ? (database_type => 'GeoLite2-ASN') : (),
	map_key_type_callback => sub { $types{ $_[0] } },
	remove_reserved_networks => 0,
);
if (($ARGV[1] // '') eq 'asn') {
	$tree->insert_network('93.184.216.0/24', { autonomous_system_number => 64999 });
	$tree->insert_network('192.168.1.0/24', { autonomous_system_number => 64500,
		autonomous_system_organization => 'LAN-AS' });
} else {
$tree->insert_network('93.184.216.0/24', { country => { iso_code => 'US', names => { en => 'United States' } },
	autonomous_system_number => 15133, autonomous_system_organization => 'EXAMPLE-NET' });
$tree->insert_network('192.168.1.0/24', { country => { iso_code => 'DE', names => { en => 'Germany' } } });
$tree->insert_network('2001:db8:2::/48', { country => { iso_code => 'JP', names => { en => 'Japan' } } });
}
open my $fh, '>:raw', $ARGV[0] or die "$ARGV[0]: $!";
$tree->write_tree($fh);
close $fh;
