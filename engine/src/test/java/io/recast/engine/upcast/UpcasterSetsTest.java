package io.recast.engine.upcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.recast.engine.examples.OrderUpcasters;
import org.junit.jupiter.api.Test;

class UpcasterSetsTest {

    /** A set that migrates between the versions it is given. */
    static final class FixedSet implements UpcasterSet {
        private final String from;
        private final String to;

        FixedSet(String from, String to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public String fromVersion() {
            return from;
        }

        @Override
        public String toVersion() {
            return to;
        }

        @Override
        public UpcasterChain chain() {
            return UpcasterChain.builder().revisions(from, to).build();
        }
    }

    static final class OtherFixedSet implements UpcasterSet {
        @Override
        public String fromVersion() {
            return "1.0";
        }

        @Override
        public String toVersion() {
            return "1.1";
        }

        @Override
        public UpcasterChain chain() {
            return UpcasterChain.builder().revisions("1.0", "1.1").build();
        }
    }

    @Test
    void findsSetsRegisteredInMetaInfServices() {
        UpcasterSet set = UpcasterSets.load().find("1.0", "1.1");

        assertInstanceOf(OrderUpcasters.class, set);
    }

    @Test
    void findsSetsRegisteredInMetaInfServicesOfAClassLoader() {
        UpcasterSets sets = UpcasterSets.load(getClass().getClassLoader());

        assertEquals(1, sets.all().size());
    }

    @Test
    void findsAProgrammaticallyRegisteredSet() {
        FixedSet set = new FixedSet("2.0", "2.1");

        assertSame(set, UpcasterSets.of(new FixedSet("1.0", "1.1"), set).find("2.0", "2.1"));
        assertTrue(set.collectors().isEmpty());
    }

    @Test
    void failsClearlyWhenNoSetMatches() {
        UpcasterSetLookupException e = assertThrows(UpcasterSetLookupException.class,
                () -> UpcasterSets.of(new FixedSet("1.0", "1.1")).find("1.1", "1.2"));

        String message = e.getMessage();
        assertTrue(message.contains("No upcaster set migrates 1.1 -> 1.2"), message);
        assertTrue(message.contains("registered: 1.0 -> 1.1 (" + FixedSet.class.getName() + ")"), message);
        assertTrue(message.contains("META-INF/services/io.recast.engine.upcast.UpcasterSet"), message);
    }

    @Test
    void saysNoneAreRegisteredWhenThereAreNone() {
        UpcasterSetLookupException e = assertThrows(UpcasterSetLookupException.class,
                () -> UpcasterSets.of().find("1.0", "1.1"));

        assertTrue(e.getMessage().contains("registered: none"), e.getMessage());
    }

    @Test
    void failsClearlyWhenSeveralSetsMatchNamingThem() {
        UpcasterSetLookupException e = assertThrows(UpcasterSetLookupException.class,
                () -> UpcasterSets.of(new FixedSet("1.0", "1.1"), new OtherFixedSet()).find("1.0", "1.1"));

        String message = e.getMessage();
        assertTrue(message.startsWith("2 upcaster sets migrate 1.0 -> 1.1"), message);
        assertTrue(message.contains(FixedSet.class.getName()), message);
        assertTrue(message.contains(OtherFixedSet.class.getName()), message);
    }
}
