/**
 * The upcaster SPI and the chain that runs it.
 *
 * <p>An {@link io.recast.engine.upcast.Upcaster} reads events of one type at one revision and returns
 * zero (drop), one (map) or many (split) events at the next revision. Base classes cover the common
 * cases: {@link io.recast.engine.upcast.SingleEventUpcaster} (reshape one payload),
 * {@link io.recast.engine.upcast.ContextAwareUpcaster} (reshape with lookups from the
 * {@link io.recast.engine.upcast.UpcastContext}), {@link io.recast.engine.upcast.EventTypeUpcaster}
 * (rename or bump the revision without touching the payload),
 * {@link io.recast.engine.upcast.SplittingUpcaster} and {@link io.recast.engine.upcast.DroppingUpcaster}.
 *
 * <p>An {@link io.recast.engine.upcast.UpcasterChain} holds the upcasters of one migration in an explicit
 * order of revisions, checks at build time that every step goes exactly one revision forward and that no
 * two upcasters read the same type, and turns each event into an
 * {@link io.recast.engine.upcast.UpcastOutcome}. Events that no upcaster reads pass through untouched
 * and undecoded. A migration ships its chain and its context collectors as an
 * {@link io.recast.engine.upcast.UpcasterSet}, found through {@link java.util.ServiceLoader} by
 * {@link io.recast.engine.upcast.UpcasterSets}.
 */
package io.recast.engine.upcast;
