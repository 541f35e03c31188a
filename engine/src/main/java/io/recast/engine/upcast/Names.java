package io.recast.engine.upcast;

import io.recast.engine.event.EventType;

/** Naming conventions shared by the chain's checks and its failure messages. */
final class Names {

    private Names() {
    }

    /**
     * The conventional class name of the upcaster for one step, for example {@code OrderPlaced_1_0_to_1_1}.
     */
    static String upcasterClass(EventType source, String targetRevision) {
        String name = source.name();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return identifier(simple) + "_" + identifier(source.revision()) + "_to_" + identifier(targetRevision);
    }

    private static String identifier(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isJavaIdentifierPart(c) && c != '$' ? c : '_');
        }
        return out.toString();
    }

    /** {@code com.x.Foo: boom}, or the class name alone when there is no message. */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getName() : cause.getClass().getName() + ": " + message;
    }
}
