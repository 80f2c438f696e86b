package org.cloudtrailopensearch.mapper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    /** parseV4Bits (threat matching, no allocation) accepts exactly the IPv4 literals parse accepts, with the same value. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.1.2.3", "010.001.002.003", "0000000001.2.3.4", "256.1.1.1",
        "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.-4", "a.b.c.d", "", "1.2.3.4 ", "::1", "192.0.2.1x"})
    void v4BitsAgreeWithParse(String literal) {
        InetAddress parsed = IpAddresses.parse(literal);
        long expected = -1;
        if (parsed instanceof Inet4Address && literal.indexOf(':') < 0) {
            byte[] b = parsed.getAddress();
            expected = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        }
        assertEquals(expected, IpAddresses.parseV4Bits(literal), literal);
    }
}
