/**
 * JUnit 5 fixtures for upcaster authors: given a legacy event, expect this upcast event.
 *
 * <pre>{@code
 * UpcasterFixture.forUpcaster(new OrderPlaced_1_0_to_1_1())
 *         .given("OrderPlaced@1.0", "{\"amount\": 10}")
 *         .expectEvent("OrderPlaced@1.1", "{\"total\": 10, \"currency\": \"EUR\"}");
 * }</pre>
 *
 * <p>The fixture runs the event through a real {@link io.recast.engine.upcast.UpcasterChain}, so what a
 * test sees is what a migration does. JSON is compared by value: field order and the written form of
 * numbers do not matter, and a failed expectation prints the expected and actual JSON and the paths that
 * differ. The package needs {@code junit-jupiter-api} on the test class path; the engine declares it as an
 * optional dependency.
 */
package io.recast.engine.testkit;
