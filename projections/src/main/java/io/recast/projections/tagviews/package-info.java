/** The tag view rebuild run as Pekko projections, one per slice of the journal's token ranges. */
package io.recast.projections.tagviews;
