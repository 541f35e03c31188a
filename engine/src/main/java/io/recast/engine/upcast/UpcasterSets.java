package io.recast.engine.upcast;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/**
 * The registered {@link UpcasterSet}s, found through {@link ServiceLoader} or given explicitly.
 */
public final class UpcasterSets {

    private static final String SERVICE_FILE = "META-INF/services/" + UpcasterSet.class.getName();

    private final List<UpcasterSet> sets;

    private UpcasterSets(List<UpcasterSet> sets) {
        this.sets = List.copyOf(sets);
    }

    /**
     * Loads the sets registered in {@code META-INF/services/io.recast.engine.upcast.UpcasterSet} on the
     * thread's context class loader.
     *
     * @return the sets found
     * @throws java.util.ServiceConfigurationError if a registered class cannot be loaded or instantiated
     */
    public static UpcasterSets load() {
        return new UpcasterSets(loadFrom(ServiceLoader.load(UpcasterSet.class)));
    }

    /**
     * Loads the sets registered in {@code META-INF/services/io.recast.engine.upcast.UpcasterSet} on a class
     * loader.
     *
     * @param classLoader where to look
     * @return the sets found
     * @throws java.util.ServiceConfigurationError if a registered class cannot be loaded or instantiated
     */
    public static UpcasterSets load(ClassLoader classLoader) {
        return new UpcasterSets(loadFrom(ServiceLoader.load(UpcasterSet.class, classLoader)));
    }

    private static List<UpcasterSet> loadFrom(ServiceLoader<UpcasterSet> loader) {
        return StreamSupport.stream(loader.spliterator(), false).toList();
    }

    /**
     * Registers sets explicitly, for tests and for applications that assemble their own.
     *
     * @param sets the sets
     * @return the registry
     */
    public static UpcasterSets of(UpcasterSet... sets) {
        return new UpcasterSets(Arrays.asList(sets));
    }

    /**
     * All registered sets.
     *
     * @return the sets, in the order they were found or given
     */
    public List<UpcasterSet> all() {
        return sets;
    }

    /**
     * The one set that migrates between two versions.
     *
     * @param fromVersion the version the journal is at
     * @param toVersion the version to migrate to
     * @return the set
     * @throws UpcasterSetLookupException if no set, or more than one, migrates between these versions
     */
    public UpcasterSet find(String fromVersion, String toVersion) {
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        List<UpcasterSet> matches = sets.stream()
                .filter(set -> fromVersion.equals(set.fromVersion()) && toVersion.equals(set.toVersion()))
                .toList();
        if (matches.isEmpty()) {
            throw new UpcasterSetLookupException("No upcaster set migrates " + fromVersion + " -> " + toVersion
                    + "; registered: " + describe(sets) + ". Put the migration's module on the class path and list"
                    + " its UpcasterSet in " + SERVICE_FILE + ", or pass it to UpcasterSets.of(...)");
        }
        if (matches.size() > 1) {
            throw new UpcasterSetLookupException(matches.size() + " upcaster sets migrate " + fromVersion + " -> "
                    + toVersion + ": " + describe(matches) + ". Keep one: remove the others from " + SERVICE_FILE
                    + " or from the class path");
        }
        return matches.get(0);
    }

    private static String describe(List<UpcasterSet> sets) {
        if (sets.isEmpty()) {
            return "none";
        }
        return String.join(", ", sets.stream()
                .map(set -> set.fromVersion() + " -> " + set.toVersion() + " (" + set.getClass().getName() + ")")
                .toList());
    }

    /**
     * The registered migrations.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        return "UpcasterSets(" + describe(sets) + ")";
    }
}
