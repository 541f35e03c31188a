package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScaleGrowthTest {

    @Test
    void timeFiveTimesLongerForFiveTimesTheEventsIsLinear() {
        ScaleGrowth growth = ScaleGrowth.of(List.of(200_000, 1_000_000), List.of(60.0, 290.0));
        assertEquals(4.83, growth.ratio(), 0.01);
        assertTrue(growth.linear());
        assertEquals(Optional.empty(), growth.linearNetOfFixedCost());
    }

    @Test
    void timeThatGrowsLessThanTheEventsBecauseOfAFixedCostIsNotLinearButIsNetOfThatCost() {
        // 20 s of fixed cost, then 0.2 ms an event: 60 s at 200,000, 220 s at 1,000,000, 22 s at 10,000
        ScaleGrowth growth = ScaleGrowth.of(List.of(10_000, 200_000, 1_000_000), List.of(22.0, 60.0, 220.0));
        assertFalse(growth.linear());
        assertEquals(198.0 / 38.0, growth.netRatio().getAsDouble(), 1e-9);
        assertEquals(990_000.0 / 190_000.0, growth.netSize().getAsDouble(), 1e-9);
        assertEquals(Optional.of(true), growth.linearNetOfFixedCost());
    }

    @Test
    void timeThatGrowsFasterThanTheEventsIsNotLinear() {
        ScaleGrowth growth = ScaleGrowth.of(List.of(10_000, 200_000, 1_000_000), List.of(20.0, 60.0, 400.0));
        assertFalse(growth.linear());
        assertEquals(Optional.of(false), growth.linearNetOfFixedCost());
    }

    @Test
    void memoryWithinAQuarterOfItselfIsFlatAndTwiceItIsNot() {
        assertTrue(ScaleGrowth.of(List.of(200_000, 1_000_000), List.of(1_000.0, 1_200.0)).flat());
        assertFalse(ScaleGrowth.of(List.of(200_000, 1_000_000), List.of(1_000.0, 2_000.0)).flat());
    }

    @Test
    void aSingleScaleCannotShowGrowth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ScaleGrowth.of(List.of(200_000), List.of(60.0)));
        assertTrue(error.getMessage().contains("two sizes or more"), error.getMessage());
    }
}
