/** Deterministic legacy journals: a seeded plan of commands and a writer that runs it through Pekko Persistence. */
package io.recast.kg.seed;
