/** JUnit 5 support: real local servers started once per test run and handed to tests as parameters. */
package io.recast.servers.junit;
