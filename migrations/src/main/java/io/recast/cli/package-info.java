/** The {@code recast} command line (picocli): servers, seed, demo. */
package io.recast.cli;
