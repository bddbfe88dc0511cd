; Test zone for dnswire's captured fixtures. Served by knotd and nsd on
; 127.0.0.1 high ports by capture.sh; never published anywhere.
$ORIGIN example.com.
$TTL 3600
@           SOA   ns1 hostmaster 2026112201 7200 3600 1209600 300
@           NS    ns1
@           NS    ns2.example.net.
ns1         A     127.0.0.1
ns1         AAAA  ::1
; Mail: equal and different preferences, targets with A and AAAA.
@           MX    10 mx1
@           MX    10 mx2
@           MX    20 mx3
@           MX    30 backup.example.net.
mx1         A     192.0.2.1
mx1         AAAA  2001:db8::1
mx2         A     192.0.2.2
mx3         AAAA  2001:db8::3
; CNAME chain www -> web -> host.
www         CNAME web
web         CNAME host
host   300  A     192.0.2.10
; TXT: multi-string, escapes, long strings.
txt         TXT   "v=spf1 mx -all" "second string"
odd         TXT   "quote\" backslash\\ semi; tab\009 bell\007 utf8\195\169 end"
_smtp._tcp  SRV   10 5 25 mx1
_sip._udp   SRV   0 0 5060 host
unknown     TYPE65280 \# 6 0a0000010203
empty       TYPE65281 \# 0
bigunknown  TYPE65282 \# 40 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2021222324252627
; Escaped labels: a dot inside a label, a space, zone-file specials.
a\.b        A     192.0.2.21
with\032space A   192.0.2.22
sp\034\040\041\059\064\036\043*/_x A 192.0.2.23
hi\200\255bit A   192.0.2.24
lllllllllllllllllllllllllllllllllllllllllllllllllllllllllllllll A 192.0.2.30
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy.zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww.example.com. A 192.0.2.31
long TXT "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT" "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"
many A 198.51.100.1
many A 198.51.100.2
many A 198.51.100.3
many A 198.51.100.4
many A 198.51.100.5
many A 198.51.100.6
many A 198.51.100.7
many A 198.51.100.8
many A 198.51.100.9
many A 198.51.100.10
many A 198.51.100.11
many A 198.51.100.12
many A 198.51.100.13
many A 198.51.100.14
many A 198.51.100.15
many A 198.51.100.16
many A 198.51.100.17
many A 198.51.100.18
many A 198.51.100.19
many A 198.51.100.20
many A 198.51.100.21
many A 198.51.100.22
many A 198.51.100.23
many A 198.51.100.24
many A 198.51.100.25
many A 198.51.100.26
many A 198.51.100.27
many A 198.51.100.28
many A 198.51.100.29
many A 198.51.100.30
many A 198.51.100.31
many A 198.51.100.32
many A 198.51.100.33
many A 198.51.100.34
many A 198.51.100.35
many A 198.51.100.36
many A 198.51.100.37
many A 198.51.100.38
many A 198.51.100.39
many A 198.51.100.40
