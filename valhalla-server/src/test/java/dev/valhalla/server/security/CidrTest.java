package dev.valhalla.server.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.1.2.3/8, 10.200.0.1, true",
            "192.168.1.0/24, 192.168.1.77, true",
            "192.168.1.0/24, 192.168.2.1, false",
            "192.0.2.128/25, 192.0.2.127, false",
            "192.0.2.128/25, 192.0.2.128, true",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "0.0.0.0/0, ::1, false",
            "203.0.113.7, 203.0.113.7, true",
            "203.0.113.7/32, 203.0.113.8, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8:aa::/48, 2001:db8:aa:1::5, true",
            "2001:db8:aa::/47, 2001:db8:ab::1, true",
            "2001:db8:aa::/48, 2001:db8:ab::1, false",
            "fe80::/10, febf::1, true",
            "fe80::/10, fec0::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 10.0.0.1, false",
            "::1/128, ::1, true",
            "::1, 0:0:0:0:0:0:0:1, true",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "2001:db8::/32, 10.0.0.1, false",
            "[2001:db8::1]/128, 2001:db8::1, true",
    })
    void matches_addresses_of_its_network_only(String network, String address, boolean expected) {
        Cidr cidr = Cidr.parse(network).orElseThrow();
        assertThat(cidr.contains(IpAddresses.parse(address).orElseThrow())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "10.0.0/8", "256.0.0.1", "10.0.0.01", "example.com", "10.0.0.0/-1",
            "2001:db8::/129", "2001:db8:::1", "10.0.0.0/8/8", "localhost", "fe80::1%eth0", "10.0.0.0/ 8"})
    void rejects_what_is_not_a_network(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"10.1.2.3/8, 10.0.0.0/8", "2001:0db8:0000::/32, 2001:db8::/32", "::ffff:192.0.2.1, 192.0.2.1/32",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128"})
    void is_written_canonically(String text, String canonical) {
        assertThat(Cidr.parse(text).orElseThrow()).hasToString(canonical);
    }
}
