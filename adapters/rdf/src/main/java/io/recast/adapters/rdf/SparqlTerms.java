package io.recast.adapters.rdf;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Triple;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.base.CoreDatatype;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;

/**
 * Writes RDF terms in SPARQL syntax: {@code <iri>}, {@code "text"}, {@code "text"@lang}, {@code "text"^^<datatype>}
 * and {@code _:label}. Literals escape quotes, backslashes and line breaks; other control characters are written as
 * {@code \}{@code uXXXX}; all other characters, non-ASCII included, are written as they are (requests are UTF-8).
 */
final class SparqlTerms {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]+(-[a-zA-Z0-9]+)*");

    private SparqlTerms() {
    }

    /** Appends {@code value}; a blank node gets the label that {@code blankLabel} gives it. */
    static void append(StringBuilder out, Value value, Function<BNode, String> blankLabel) {
        if (value instanceof IRI iri) {
            appendIri(out, iri.stringValue());
        } else if (value instanceof Literal literal) {
            appendLiteral(out, literal);
        } else if (value instanceof BNode node) {
            out.append("_:").append(blankLabel.apply(node));
        } else if (value instanceof Triple) {
            throw new IllegalArgumentException("RDF-star triples cannot be written to a SPARQL 1.1 store: " + value);
        } else {
            throw new IllegalArgumentException("not an RDF term: " + value);
        }
    }

    /** Appends {@code <iri>}, refusing characters that SPARQL does not allow inside an IRI. */
    static void appendIri(StringBuilder out, String iri) {
        out.append('<').append(requireSparqlIri(iri)).append('>');
    }

    /** Appends a literal: plain for xsd:string, with its language tag or with its datatype otherwise. */
    static void appendLiteral(StringBuilder out, Literal literal) {
        appendString(out, literal.getLabel());
        if (literal.getLanguage().isPresent()) {
            out.append('@').append(requireLanguageTag(literal.getLanguage().get()));
        } else if (literal.getCoreDatatype() != CoreDatatype.XSD.STRING) {
            out.append("^^");
            appendIri(out, literal.getDatatype().stringValue());
        }
    }

    /** Appends a quoted string literal with SPARQL escapes. */
    static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The IRI as given, if it is absolute and SPARQL can write it; else an exception saying what is wrong. */
    static String requireSparqlIri(String iri) {
        for (int i = 0; i < iri.length(); i++) {
            char c = iri.charAt(i);
            if (c <= 0x20 || "<>\"{}|^`\\".indexOf(c) >= 0) {
                throw new IllegalArgumentException("IRI <" + iri + "> contains " + describe(c)
                        + ", which SPARQL does not allow in an IRI: percent-encode it in the source");
            }
        }
        return iri;
    }

    /** The language tag as given, if SPARQL can write it ({@code en}, {@code en-GB}, ...). */
    static String requireLanguageTag(String tag) {
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("language tag '" + tag + "' is not a valid BCP 47 tag (letters, then"
                    + " '-'-separated letters or digits): fix the @language of the source");
        }
        return tag;
    }

    /** An absolute IRI that SPARQL can write, or an exception saying what is wrong. */
    static IRI checkedIri(String iri) {
        requireSparqlIri(iri);
        if (iri.indexOf(':') < 1) {
            throw new IllegalArgumentException("graph name <" + iri + "> is not an absolute IRI: give the entity an id"
                    + " with a scheme, e.g. https://...");
        }
        return SimpleValueFactory.getInstance().createIRI(iri);
    }

    private static String describe(char c) {
        return c <= 0x20 ? String.format("the control or space character U+%04X", (int) c) : "'" + c + "'";
    }
}
