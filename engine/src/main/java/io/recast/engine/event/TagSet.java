package io.recast.engine.event;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The tags of a {@link StoredEvent}: an immutable set that keeps the order its tags were given in, over one array.
 *
 * <p>Events carry a handful of tags and are copied often (every upcaster's output is a copy of its source), so the
 * set is built without hashing and shared, not copied, between an event and the events built from it. Equality and
 * hash code are those of any {@link java.util.Set}; every method that would change it throws
 * {@link UnsupportedOperationException}.
 */
public final class TagSet extends AbstractSet<String> {

    private static final TagSet EMPTY = new TagSet(new String[0]);
    /** Above this many tags, duplicates are found by hashing rather than by comparing every pair. */
    private static final int LINEAR_LIMIT = 16;

    private final String[] tags;

    private TagSet(String[] tags) {
        this.tags = tags;
    }

    /**
     * No tags.
     *
     * @return the empty tag set
     */
    public static TagSet of() {
        return EMPTY;
    }

    /**
     * The tags of a collection, in its iteration order, each once.
     *
     * @param tags the tags, none null; a {@code TagSet} is returned as it is
     * @return the tag set
     * @throws NullPointerException if the collection or one of its tags is null
     */
    public static TagSet copyOf(Collection<String> tags) {
        Objects.requireNonNull(tags, "tags");
        if (tags instanceof TagSet set) {
            return set;
        }
        return distinct(tags.toArray(new String[0]));
    }

    /**
     * Tags in the given order, each once. The array is taken over: the caller must not change it afterwards.
     *
     * @param tags the tags, none null
     * @return the tag set
     * @throws NullPointerException if a tag is null
     */
    public static TagSet ofOwnedArray(String... tags) {
        return distinct(tags);
    }

    private static TagSet distinct(String[] tags) {
        int n = tags.length;
        if (n == 0) {
            return EMPTY;
        }
        if (n > LINEAR_LIMIT) {
            java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>(n * 2);
            for (String tag : tags) {
                seen.add(Objects.requireNonNull(tag, "a tag is null"));
            }
            return new TagSet(seen.size() == n ? tags : seen.toArray(new String[0]));
        }
        int kept = 0;
        for (int i = 0; i < n; i++) {
            String tag = Objects.requireNonNull(tags[i], "a tag is null");
            if (indexOf(tags, kept, tag) < 0) {
                tags[kept++] = tag;
            }
        }
        return new TagSet(kept == n ? tags : Arrays.copyOf(tags, kept));
    }

    private static int indexOf(String[] tags, int length, String tag) {
        for (int i = 0; i < length; i++) {
            if (tags[i].equals(tag)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return tags.length;
    }

    @Override
    public boolean isEmpty() {
        return tags.length == 0;
    }

    @Override
    public boolean contains(Object tag) {
        if (!(tag instanceof String text)) {
            return false;
        }
        if (tags.length > LINEAR_LIMIT) {
            return Arrays.asList(tags).contains(text);
        }
        return indexOf(tags, tags.length, text) >= 0;
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < tags.length;
            }

            @Override
            public String next() {
                if (next >= tags.length) {
                    throw new NoSuchElementException();
                }
                return tags[next++];
            }
        };
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(tags, tags.length, Object[].class);
    }

    @Override
    public boolean add(String tag) {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }

    @Override
    public boolean remove(Object tag) {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }

    @Override
    public boolean addAll(Collection<? extends String> more) {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }

    @Override
    public boolean removeAll(Collection<?> some) {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }

    @Override
    public boolean retainAll(Collection<?> some) {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }

    @Override
    public boolean removeIf(java.util.function.Predicate<? super String> filter) {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("The tags of a stored event cannot change; build a new event");
    }
}
