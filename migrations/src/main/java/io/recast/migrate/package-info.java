/** The steps of a migration, assembled from the engine and the adapters, and their reports. */
package io.recast.migrate;
