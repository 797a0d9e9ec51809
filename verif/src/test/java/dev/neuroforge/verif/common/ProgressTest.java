package dev.neuroforge.verif.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Progress} on a fake clock: what it prints, and when. */
class ProgressTest {
    private long now = 5_000_000_000L;  // any start: only differences count
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private List<String> lines() {
        String s = bytes.toString(StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    private void after(double seconds) {
        now += (long) (seconds * 1e9);
    }

    @Test
    void printsAtMostOncePerIntervalWithElapsedTimeAndWhatIsLeft() {
        Progress p = new Progress("noc soak", 200, 10, () -> now, out);
        after(4);
        p.step(10);
        after(5.9);
        p.step(30);
        assertEquals(List.of(), lines(), "nothing within the first 10 s");
        after(0.1);
        p.step(50);
        assertEquals(List.of("[noc soak] 50/200 (25.0 %), 10.0 s elapsed, ~30 s left"), lines());
        after(9);
        p.step(90);
        assertEquals(1, lines().size(), "9 s after the last line: still one");
        after(1.5);
        p.step(100);
        assertEquals("[noc soak] 100/200 (50.0 %), 20.5 s elapsed, ~21 s left", lines().get(1));
        after(3.2);
        p.step(200);
        p.finish();
        assertEquals(List.of("[noc soak] 50/200 (25.0 %), 10.0 s elapsed, ~30 s left",
                "[noc soak] 100/200 (50.0 %), 20.5 s elapsed, ~21 s left", "[noc soak] 200/200 done in 23.7 s"), lines());
    }

    @Test
    void aLoopShorterThanTheIntervalPrintsOnlyItsClosingLine() {
        Progress p = new Progress("tile networks", 200, 10, () -> now, out);
        for (int n = 1; n <= 200; n++) {
            after(0.04);
            p.step(n);
        }
        p.finish();
        assertEquals(List.of("[tile networks] 200/200 done in 8.0 s"), lines());
    }

    @Test
    void anIntervalOfItsOwnAndNothingDoneYet() {
        Progress p = new Progress("bench", 4, 1, () -> now, out);
        after(1);
        p.step(0);
        assertEquals(List.of("[bench] 0/4 (0.0 %), 1.0 s elapsed"), lines(), "no estimate before the first unit");
    }

    @Test
    void refusesATotalOrIntervalThatMeansNothing() {
        assertEquals("progress total 0 of x: must be at least 1",
                assertThrows(IllegalArgumentException.class, () -> new Progress("x", 0)).getMessage());
        assertEquals("progress interval 0.0 s of x: must be positive",
                assertThrows(IllegalArgumentException.class, () -> new Progress("x", 1, 0, () -> now, out)).getMessage());
    }
}
