/** Recast's configuration: HOCON (Typesafe Config) with environment overrides, and where each server is. */
package io.recast.config;
