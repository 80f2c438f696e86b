package org.cloudtrailopensearch.mapper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    /** What OpenSearch's ip field type (InetAddresses.forString) accepts: these go to source.ip. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "205.205.123.0", "255.255.255.255", "100.64.0.1", "::", "::1",
        "2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001", "::ffff:81.2.69.142", "::81.2.69.142",
        "64:ff9b::192.0.2.33", "FE80::1"})
    void acceptsWhatOpenSearchAccepts(String literal) {
        assertNotNull(IpAddresses.parse(literal), literal);
    }

    /** What OpenSearch's ip field type rejects (ignore_malformed would drop it silently): kept in source.address only. */
    @ParameterizedTest
    @ValueSource(strings = {"06.237.252.245", "205.205.123.000", "010.1.1.1", "1.2.3.04", "256.1.1.1", "1.2.3",
        "1.2.3.4.5", "1.2.3.4:443", "fe80::1%eth0", "fe80::1%1", "[2001:db8::1]", "2001:db8::12345", "1::2::3",
        "::ffff:081.2.69.142", "::ffff:1.2.3.256", "1:2:3:4:5:6:7:8:9", ".1:2", "AWS Internal", "ec2.amazonaws.com",
        "203.0.113.5, 198.51.100.1", ""})
    void rejectsWhatOpenSearchRejects(String literal) {
        assertNull(IpAddresses.parse(literal), literal);
    }
}
