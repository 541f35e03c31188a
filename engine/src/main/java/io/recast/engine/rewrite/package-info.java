/**
 * The journal rewrite: a context pass, then every persistence id's events through the upcaster chain, written back
 * by a {@link io.recast.engine.rewrite.JournalSink} (backup first, only what changed), with checkpoints per slice of
 * the journal so that a killed run resumes. The journal itself is reached through ports
 * ({@link io.recast.engine.rewrite.JournalSource}, {@link io.recast.engine.rewrite.JournalSink},
 * {@link io.recast.engine.rewrite.RewriteStore}) that the adapters implement.
 */
package io.recast.engine.rewrite;
