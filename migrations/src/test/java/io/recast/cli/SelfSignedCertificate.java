package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A server's self-signed certificate for 127.0.0.1 and localhost, made with the JDK's {@code keytool}: the server's
 * key store and a trust store holding the certificate, both PKCS12 with one random password; a client JVM trusts the
 * certificate with {@link #trustingJvmOptions()}.
 *
 * @param keystore   the server's key pair and certificate
 * @param truststore the certificate alone, for the clients
 * @param password   both stores' password
 */
record SelfSignedCertificate(Path keystore, Path truststore, String password) {

    /** A new certificate whose files are in {@code dir}, named after {@code alias}. */
    static SelfSignedCertificate generate(Path dir, String alias) throws Exception {
        SelfSignedCertificate made = new SelfSignedCertificate(dir.resolve(alias + ".p12"),
                dir.resolve(alias + "-trust.p12"), "St-" + UUID.randomUUID());
        Path certificate = dir.resolve(alias + ".crt");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore",
                made.keystore.toString(), "-storetype", "PKCS12", "-storepass", made.password, "-keypass",
                made.password);
        keytool("-exportcert", "-alias", alias, "-keystore", made.keystore.toString(), "-storetype", "PKCS12",
                "-storepass", made.password, "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-keystore", made.truststore.toString(), "-storetype", "PKCS12", "-storepass", made.password);
        return made;
    }

    /** The options that make a JVM trust the certificate, as the README tells operators. */
    List<String> trustingJvmOptions() {
        return List.of("-Djavax.net.ssl.trustStore=" + truststore, "-Djavax.net.ssl.trustStorePassword=" + password,
                "-Djavax.net.ssl.trustStoreType=PKCS12");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not end");
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ":\n" + output);
    }
}
