#!/usr/bin/perl
# Base-product stand-in (broker, database): a tiny TCP server with only perl-base, so the image needs no package.
# Listens on $PORT (all interfaces). Per connection it reads one line (2 s at most) and answers:
#   "PING"         -> "PONG <name>"
#   "GET <path> …" -> an HTTP/1.0 200 response with "<name> ok"   (so httpGet probes work too)
#   anything else  -> "<name> ready"
# Writes $DATA_DIR/started (when DATA_DIR is set) to show its volume is writable. Stops on SIGTERM/SIGINT.
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;

my $name = $ENV{STANDIN_NAME} || 'standin';
my $port = $ENV{PORT} || 9000;
die "$name: PORT must be a number, got '$port'\n" unless $port =~ /^\d+$/;
$| = 1;

my $server = IO::Socket::INET->new(
    LocalAddr => $ENV{BIND_ADDRESS} || '0.0.0.0',
    LocalPort => $port,
    Proto     => 'tcp',
    Listen    => 16,
    ReuseAddr => 1,
) or die "$name: cannot listen on port $port: $!\n";

if (my $dir = $ENV{DATA_DIR}) {
    if (open(my $marker, '>', "$dir/started")) {
        print $marker scalar(gmtime()) . "\n";
        close($marker);
    } else {
        warn "$name: cannot write $dir/started: $!\n";
    }
}

my $running = 1;
$SIG{TERM} = $SIG{INT} = sub { $running = 0 };
print "$name: listening on port $port\n";

my $select = IO::Select->new($server);
while ($running) {
    next unless $select->can_read(1);
    my $client = $server->accept() or next;
    my $line = '';
    if (IO::Select->new($client)->can_read(2)) {
        $line = <$client> // '';
    }
    $line =~ s/[\r\n]+$//;
    if ($line =~ /^PING\b/) {
        print $client "PONG $name\n";
    } elsif ($line =~ m{^GET \S+ HTTP/}) {
        my $body = "$name ok\n";
        print $client "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . length($body) . "\r\nConnection: close\r\n\r\n$body";
    } else {
        print $client "$name ready\n";
    }
    close($client);
}
print "$name: stopped\n";
exit 0;
