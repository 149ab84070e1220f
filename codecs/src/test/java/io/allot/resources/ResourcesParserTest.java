package io.allot.resources;

import org.junit.jupiter.api.Test;

import static io.allot.resources.ResourceNames.CPUS;
import static io.allot.resources.ResourceNames.DISK;
import static io.allot.resources.ResourceNames.GPUS;
import static io.allot.resources.ResourceNames.MEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourcesParserTest
{
    private final ResourceNames names = new ResourceNames();
    private final ResourcesParser parser = new ResourcesParser();
    private final Resources resources = new Resources(names);

    @Test
    void shouldParseExampleFromMesosDocs()
    {
        parser.parse("cpus:24;gpus:2;mem:24576;disk:409600;ports:[21000-24000,30000-34000]", resources);

        assertEquals(24_000, resources.scalar(CPUS));
        assertEquals(2_000, resources.scalar(GPUS));
        assertEquals(24_576_000, resources.scalar(MEM));
        assertEquals(409_600_000, resources.scalar(DISK));
        assertEquals(2, resources.ports().rangeCount());
        assertEquals(21000, resources.ports().begin(0));
        assertEquals(24000, resources.ports().end(0));
        assertEquals(30000, resources.ports().begin(1));
        assertEquals(34000, resources.ports().end(1));
        assertEquals("cpus:24;mem:24576;disk:409600;gpus:2;ports:[21000-24000,30000-34000]", resources.toString());
    }

    @Test
    void shouldParseMesosBenchmarkAgent()
    {
        parser.parse("cpus:2;mem:1024;disk:4096;ports:[31000-32000]", resources);
        assertEquals("cpus:2;mem:1024;disk:4096;ports:[31000-32000]", resources.toString());
        assertEquals(1001, resources.ports().size());
    }

    @Test
    void shouldParseFractionalScalars()
    {
        parser.parse("cpus:0.5;mem:0.001;disk:.25", resources);
        assertEquals(500, resources.scalar(CPUS));
        assertEquals(1, resources.scalar(MEM));
        assertEquals(250, resources.scalar(DISK));
    }

    @Test
    void shouldParseEmptyTextAsEmptyResources()
    {
        parser.parse("", resources);
        assertTrue(resources.isEmpty());

        parser.parse("  \t ", resources);
        assertTrue(resources.isEmpty());

        assertTrue(ResourcesParser.parse("", names).isEmpty());
    }

    @Test
    void shouldTolerateWhitespaceAndTrailingSemicolon()
    {
        parser.parse(" cpus : 2 ; mem:\t1024 ; ports : [ 1 - 2 , 4-5 ] ; ", resources);
        assertEquals("cpus:2;mem:1024;ports:[1-2,4-5]", resources.toString());
    }

    @Test
    void shouldTolerateEmptySegmentsAsMesosDoes()
    {
        parser.parse(";cpus:1;;mem:2;", resources);
        assertEquals("cpus:1;mem:2", resources.toString());
    }

    @Test
    void shouldRegisterCustomScalars()
    {
        parser.parse("bugs:3;cpus:1;fpgas:0.5;nvidia.com/gpu:2", resources);

        assertEquals(4, names.indexOf("bugs"));
        assertEquals(5, names.indexOf("fpgas"));
        assertEquals(6, names.indexOf("nvidia.com/gpu"));
        assertEquals(3000, resources.scalar(4));
        assertEquals(500, resources.scalar(5));
        assertEquals(2000, resources.scalar(6));
        assertEquals("cpus:1;bugs:3;fpgas:0.5;nvidia.com/gpu:2", resources.toString());
    }

    @Test
    void shouldSumRepeatedNames()
    {
        parser.parse("cpus:1;cpus:2;ports:[1-5];ports:[6-10,20-20];bugs:1;bugs:0.5", resources);
        assertEquals(3000, resources.scalar(CPUS));
        assertEquals(1500, resources.scalar(names.indexOf("bugs")));
        assertEquals("[1-10,20-20]", resources.ports().toString());
    }

    @Test
    void shouldMergeOverlappingRangesInValue()
    {
        parser.parse("ports:[5-10,1-6,11-11]", resources);
        assertEquals("ports:[1-11]", resources.toString());
    }

    @Test
    void shouldAcceptEmptyRangeValue()
    {
        parser.parse("cpus:1;ports:[ ]", resources);
        assertEquals("cpus:1", resources.toString());
    }

    @Test
    void shouldAcceptUnreservedRole()
    {
        parser.parse("cpus(*):2;mem( * ):1024;ports (*):[80-80]", resources);
        assertEquals("cpus:2;mem:1024;ports:[80-80]", resources.toString());
    }

    @Test
    void shouldAcceptZeroValues()
    {
        parser.parse("cpus:0;mem:0.000;ports:[0-0]", resources);
        assertEquals("ports:[0-0]", resources.toString());
    }

    @Test
    void shouldRoundTripPrintAndParse()
    {
        final String[] texts =
        {
            "cpus:24;mem:24576;disk:409600;gpus:2;ports:[21000-24000,30000-34000]",
            "cpus:0.001;mem:0.5",
            "cpus:1.234;bugs:7;ports:[80-80,443-443,8080-8090]",
            "mem:9223372036854775.807",
            "",
        };

        for (final String text : texts)
        {
            final Resources parsed = ResourcesParser.parse(text, names);
            assertEquals(text, parsed.toString());
            assertEquals(parsed, ResourcesParser.parse(parsed.toString(), names));
        }
    }

    @Test
    void shouldReuseTargetByClearingIt()
    {
        parser.parse("cpus:4;ports:[1-2]", resources);
        parser.parse("mem:32", resources);
        assertEquals("mem:32", resources.toString());
    }

    @Test
    void shouldParseRegionOfText()
    {
        final String text = "agent1=cpus:2;mem:64 rest";
        parser.parse(text, 7, 20, resources);
        assertEquals("cpus:2;mem:64", resources.toString());

        final ResourceParseException ex = assertThrows(
            ResourceParseException.class, () -> parser.parse(text, 7, 25, resources));
        assertEquals(21, ex.position());
        assertEquals("expected ';' after the value of 'mem'", ex.reason());
    }

    @Test
    void shouldFormatMessageWithPositionAndReason()
    {
        final ResourceParseException ex = assertThrows(
            ResourceParseException.class, () -> parser.parse("cpus 4", resources));
        assertEquals("invalid resources at position 5: expected ':' after 'cpus' in \"cpus 4\"", ex.getMessage());
        assertTrue(ex instanceof IllegalArgumentException);
    }

    @Test
    void shouldRejectMissingColon()
    {
        assertError("cpus 4", 5, "expected ':' after 'cpus'");
        assertError("cpus:1;mem", 10, "expected ':' after 'mem'");
        assertError("cpus=4", 4, "expected ':' after 'cpus'");
        assertError("ports[1-2]", 5, "expected ':' after 'ports'");
    }

    @Test
    void shouldRejectMissingValue()
    {
        assertError("cpus:", 5, "expected a value for 'cpus'");
        assertError("cpus:;mem:1", 5, "expected a number");
        assertError("ports:  ", 8, "expected a value for 'ports'");
    }

    @Test
    void shouldRejectBadNumber()
    {
        assertError("cpus:abc", 5, "expected a number");
        assertError("cpus:4x", 6, "invalid character 'x' in number");
        assertError("mem:1.2.3", 7, "invalid character '.' in number");
        assertError("mem:1,5", 5, "invalid character ',' in number");
        assertError("cpus:1.", 7, "expected a digit after '.'");
        assertError("cpus:NaN", 5, "expected a number");
        assertError("cpus:1e3", 6, "invalid character 'e' in number");
    }

    @Test
    void shouldRejectNegativeValue()
    {
        assertError("cpus:-1", 5, "negative value");
        assertError("cpus:1;mem: -0.5", 12, "negative value");
        assertError("ports:[-5-10]", 7, "negative value");
        assertError("ports:[5--10]", 9, "negative value");
    }

    @Test
    void shouldRejectMoreThanThreeDecimalDigits()
    {
        assertError("cpus:0.1234", 10, "more than 3 decimal digits");
        assertError("mem:32;cpus:0.0001", 17, "more than 3 decimal digits");
    }

    @Test
    void shouldRejectFractionalGpus()
    {
        assertError("gpus:1.5", 5, "gpus must be a whole number");
        assertError("cpus:1;gpus:0.001", 12, "gpus must be a whole number");
    }

    @Test
    void shouldRejectReversedRange()
    {
        assertError("ports:[10-5]", 7, "range begin 10 is greater than end 5");
        assertError("ports:[1-2, 40010-40000]", 12, "range begin 40010 is greater than end 40000");
    }

    @Test
    void shouldRejectMalformedRange()
    {
        assertError("ports:[80]", 9, "expected '-' in range");
        assertError("ports:[1-2", 10, "expected ',' or ']' in range");
        assertError("ports:[1-2;cpus:1]", 10, "expected ',' or ']' in range");
        assertError("ports:[1-]", 9, "expected a number");
        assertError("ports:[1-2,]", 11, "expected a number");
        assertError("ports:[1.5-2]", 7, "range values must be whole numbers");
        assertError("ports:[a-b]", 7, "expected a number");
        assertError("ports:[1-2]]", 11, "expected ';' after the value of 'ports'");
    }

    @Test
    void shouldRejectSetValue()
    {
        assertError("bugs:{a,b,c}", 5, "set resources are not supported");
        assertError("cpus:1;ports:{80}", 13, "set resources are not supported");
    }

    @Test
    void shouldRejectReservedRole()
    {
        assertError("cpus(web):4", 5, "reserved resources (role 'web') are not supported");
        assertError("cpus:24;bugs(debug_role):{a,b,c}", 13, "reserved resources (role 'debug_role') are not supported");
        assertError("cpus( web ):4", 6, "reserved resources (role 'web') are not supported");
        assertError("cpus(**):4", 5, "reserved resources (role '**') are not supported");
        assertError("cpus():4", 5, "expected a role");
        assertError("cpus(web:4", 10, "expected ')' after the role");
        assertError("cpus(*)4", 7, "expected ':' after 'cpus'");
    }

    @Test
    void shouldRejectUnknownGarbage()
    {
        assertError("cpus:4 garbage", 7, "expected ';' after the value of 'cpus'");
        assertError("%%%", 0, "expected a resource name");
        assertError("cpus:1;:2", 7, "expected a resource name");
        assertError("cpus:1;mem:2;#", 13, "expected a resource name");
        assertError("cpus:1, mem:2", 6, "invalid character ',' in number");
    }

    @Test
    void shouldRejectNameBeyondFullRegistry()
    {
        for (int i = names.size(); i < ResourceNames.MAX_SCALARS; i++)
        {
            names.register("custom" + i);
        }

        parser.parse("custom4:1;custom15:2", resources);
        assertEquals(1000, resources.scalar(4));
        assertError("cpus:1;extra:1", 7, "too many scalar resource names (at most 16)");
        assertEquals(-1, names.indexOf("extra"));
    }

    @Test
    void shouldRejectScalarForPorts()
    {
        assertError("ports:5", 6, "ports must be a range value like [31000-32000]");
        assertError("cpus:1;ports: 31000-32000", 14, "ports must be a range value like [31000-32000]");
    }

    @Test
    void shouldRejectRangeForScalar()
    {
        assertError("cpus:[1-2]", 5, "'cpus' must be a scalar value");
        assertError("bugs:[1-2]", 5, "'bugs' must be a scalar value");
        assertEquals(-1, names.indexOf("bugs"));
    }

    @Test
    void shouldRejectOverflow()
    {
        assertError("mem:99999999999999999", 4, "value too large");
        assertError("mem:9223372036854775.808", 4, "value too large");
        assertError("ports:[1-99999999999999999999]", 9, "value too large");
        assertError("cpus:9000000000000000;cpus:9000000000000000", 27, "value too large: the sum of 'cpus' overflows");
    }

    @Test
    void shouldLeaveTargetClearedOnError()
    {
        parser.parse("cpus:8", resources);
        assertThrows(ResourceParseException.class, () -> parser.parse("mem:1;ports:[1-2];cpus:x", resources));
        assertTrue(resources.isEmpty());
    }

    @Test
    void shouldKeepParserUsableAfterError()
    {
        assertThrows(ResourceParseException.class, () -> parser.parse("cpus:x", resources));
        parser.parse("cpus:1", resources);
        assertEquals("cpus:1", resources.toString());
    }

    private void assertError(final String text, final int position, final String reason)
    {
        final ResourceParseException ex = assertThrows(
            ResourceParseException.class, () -> parser.parse(text, resources), text);
        assertEquals(reason, ex.reason(), text);
        assertEquals(position, ex.position(), text);
        assertEquals("invalid resources at position " + position + ": " + reason + " in \"" + text + "\"", ex.getMessage());
    }
}
