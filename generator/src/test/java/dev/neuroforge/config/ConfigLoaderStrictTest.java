package dev.neuroforge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neuroforge.generator.core.CoreParams;
import dev.neuroforge.generator.npe.NpeParams;
import dev.neuroforge.generator.tile.TileParams;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A config is read strictly (issue 17): one test per cause of a value being quietly changed, and
 * every message names the file, the path, the value and what is allowed, without Java in it.
 */
class ConfigLoaderStrictTest {
    private static final Pattern JAVA = Pattern.compile(
            "java\\.|jackson|dev\\.neuroforge|creator|Integer|Long|Boolean|FAIL_ON|Feature|Source:|code \\d|`");

    /** The message of loading {@code json} as my.json; it must be free of Java. */
    private static String error(String json) {
        String m = assertThrows(ConfigException.class, () -> ConfigLoader.parse("my.json", json)).getMessage();
        assertFalse(JAVA.matcher(m).find(), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    private static String tile(String inner) {
        return "{\"name\": \"t\", \"tile\": {" + inner + "}}";
    }

    @Test
    void aStringIsNotANumber() {
        assertEquals("my.json: tile.npe.lanes = \"512\" is not allowed: must be an integer in 1..32"
                + " (a JSON number, without quotes)", error(tile("\"npe\": {\"lanes\": \"512\"}")));
        assertEquals("my.json: npe.weightBits = \"8\" is not allowed: must be 4, 8 or 16 (a JSON number, without quotes)",
                error("{\"name\": \"n\", \"npe\": {\"weightBits\": \"8\"}}"));
    }

    @Test
    void aFloatIsNotAnInteger() {
        assertEquals("my.json: tile.npe.lanes = 512.9 is not allowed: must be an integer in 1..32",
                error(tile("\"npe\": {\"lanes\": 512.9}")));
        assertEquals("my.json: mesh.router.flitWidth = 8.5 is not allowed: must be an integer in 16..256",
                error("{\"name\": \"m\", \"mesh\": {\"cols\": 2, \"rows\": 2, \"router\": {\"flitWidth\": 8.5}}}"));
        // a whole number is an integer however it is written
        assertEquals(4, ((NpeParams) parse("{\"name\": \"n\", \"npe\": {\"lanes\": 4.0}}")).lanes());
        assertEquals(1000, ((NpeParams) parse("{\"name\": \"n\", \"npe\": {\"memDepth\": 1e3}}")).memDepth());
    }

    @Test
    void aNumberIsNotABoolean() {
        assertEquals("my.json: core.mExtension = 0 is not allowed: must be true or false",
                error("{\"name\": \"c\", \"core\": {\"mExtension\": 0}}"));
        assertEquals("my.json: tile.core.fastMul = 1 is not allowed: must be true or false",
                error(tile("\"core\": {\"fastMul\": 1}")));
        assertEquals("my.json: scdq.lossy = \"true\" is not allowed: must be true or false",
                error("{\"name\": \"q\", \"scdq\": {\"lossy\": \"true\"}}"));
    }

    @Test
    void nullIsNotAbsent() {
        assertEquals("my.json: tile.npe.lanes = null is not allowed: must be an integer in 1..32"
                + " (leave the field out for the default, 8)", error(tile("\"npe\": {\"lanes\": null}")));
        assertEquals("my.json: core.mExtension = null is not allowed: must be true or false"
                + " (leave the field out for the default, true)", error("{\"name\": \"c\", \"core\": {\"mExtension\": null}}"));
        assertEquals("my.json: tile.core = null is not allowed: must be an object of core parameters {...}"
                + " (leave it out for the defaults)", error(tile("\"core\": null")));
        assertEquals("my.json: npe = null is not allowed: must be an object of npe parameters {...}"
                + " (leave it out for the defaults)", error("{\"name\": \"n\", \"npe\": null}"));
        assertEquals("my.json: name = null is not allowed: must be a string (the output folder's name)",
                error("{\"name\": null, \"npe\": {}}"));
        assertEquals("my.json: tile.npe = 5 is not allowed: must be an object of npe parameters {...}",
                error(tile("\"npe\": 5")));
    }

    @Test
    void aFieldGivenTwiceIsAnError() {
        assertEquals("my.json: line 1, column 42: the field \"lanes\" is given twice",
                error("{\"name\": \"n\", \"npe\": {\"lanes\": 4, \"lanes\": 8}}"));
        assertEquals("my.json: line 1, column 21: the field \"name\" is given twice",
                error("{\"name\": \"n\", \"name\": \"m\", \"npe\": {}}"));
    }

    @Test
    void outOfRangeNumbersGiveTheFieldsOwnRange() {
        assertEquals("my.json: tile.npe.lanes = 1000000000000 is not allowed: must be an integer in 1..32",
                error(tile("\"npe\": {\"lanes\": 1e12}")));
        assertEquals("my.json: tile.imemWords = 2147483648 is not allowed: must be an integer in 256..16384",
                error(tile("\"imemWords\": 2147483648")));
        assertEquals("my.json: npe.memDepth = -99999999999999999999 is not allowed: must be an integer in 2..65536",
                error("{\"name\": \"n\", \"npe\": {\"memDepth\": -99999999999999999999}}"));
        assertEquals("my.json: core.resetPc = 4294967296 is not allowed: must be a word-aligned 32-bit address"
                + " (0..0xFFFFFFFC, a multiple of 4)", error("{\"name\": \"c\", \"core\": {\"resetPc\": 4294967296}}"));
        String huge = error("{\"name\": \"n\", \"npe\": {\"lanes\": 1e100000}}");
        assertEquals("my.json: npe.lanes = 1E+100000 is not allowed: must be an integer in 1..32", huge);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertEquals("my.json: mesh.rows is missing: a value is required (an integer)",
                error("{\"name\": \"m\", \"mesh\": {\"cols\": 2}}"));
        assertEquals("my.json: name is missing: a value is required (the output folder's name)",
                error("{\"npe\": {}}"));
    }

    @Test
    void malformedOrTrailingJsonGivesLineAndColumn() {
        assertEquals("my.json: line 2, column 3: unexpected text after the end of the JSON value (one value per file)",
                error("{\"name\": \"n\", \"npe\": {}}\n  {\"name\": \"m\", \"npe\": {}}"));
        String m = error("{\"name\": \"n\",\n \"npe\": {\"lanes\": 4,}}");
        assertEquals(true, m.startsWith("my.json: not valid JSON at line 2, column 21: "), m);
        assertEquals("my.json: not valid JSON at line 1, column 15: '/': JSON has no comments",
                error("{\"name\": \"n\", // comment\n \"npe\": {}}"));
        assertEquals("my.json: not valid JSON at line 2, column 11: the text ends before the '}' that closes the object"
                + " (opened at line 1, column 1)", error("{\"name\": \"n\",\n \"npe\": {}"));
        assertEquals("my.json: not valid JSON at line 2, column 21: '}' where a field name in double quotes should be"
                + " (a comma too many, or a name without quotes?)", error("{\"name\": \"n\",\n \"npe\": {\"lanes\": 4,}}"));
        m = error("{\"name\": \"n\", \"npe\": {\"lanes\": NaN}}");
        assertEquals(true, m.matches("my.json: not valid JSON at line 1, column \\d+: NaN is not a JSON number"), m);
        m = error("{\"name\": \"n\", \"npe\": {\"lanes\": 08}}");
        assertEquals(true, m.matches("my.json: not valid JSON at line 1, column \\d+: a number with a leading zero"
                + " \\(write 1, not 01\\)"), m);
    }

    @Test
    void unknownFieldsListWhatIsAllowed() {
        assertEquals("my.json: unknown field tile.npe.lane; allowed here: lanes, memDepth, rfDepth, stateBits,"
                + " valueBits, weightBits", error(tile("\"npe\": {\"lane\": 4}")));
    }

    @Test
    void resetPcTakesHex() {
        assertEquals(0x100, ((CoreParams) parse("{\"name\": \"c\", \"core\": {\"resetPc\": \"0x100\"}}")).resetPc());
        assertEquals(0x8000_0000L,
                ((CoreParams) parse("{\"name\": \"c\", \"core\": {\"resetPc\": \"0x8000_0000\"}}")).resetPc());
        assertEquals(256, ((CoreParams) parse("{\"name\": \"c\", \"core\": {\"resetPc\": 256}}")).resetPc());
        assertEquals("my.json: core.resetPc = \"0x102\" is not allowed: must be a word-aligned 32-bit address"
                + " (0..0xFFFFFFFC, a multiple of 4)", error("{\"name\": \"c\", \"core\": {\"resetPc\": \"0x102\"}}"));
        assertEquals("my.json: core.resetPc = \"256\" is not allowed: must be a word-aligned 32-bit address"
                + " (0..0xFFFFFFFC, a multiple of 4) (a JSON integer or a \"0x...\" string)",
                error("{\"name\": \"c\", \"core\": {\"resetPc\": \"256\"}}"));
        assertEquals("my.json: tile.core.resetPc = \"0x100\" is not allowed: must be 0 in a tile (the IMEM base)",
                error(tile("\"core\": {\"resetPc\": \"0x100\"}")));
    }

    @Test
    void goodConfigsStillRead() {
        assertEquals(TileParams.defaults(), parse(tile("")));
        assertEquals(new CoreParams(false, false, 0), parse("{\"name\": \"c\", \"core\": {\"mExtension\": false}}"));
    }

    private static Object parse(String json) {
        try {
            return ConfigLoader.parse("my.json", json).params();
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
