package io.recast.adapters.rdf;

import java.util.Locale;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Statement;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.datatypes.XMLDatatypeUtil;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;

/**
 * Rewrites literals of XML Schema datatypes to their canonical lexical form ({@code "5.25E1"} and {@code "52.5"} as
 * doubles are one value), and language tags to lower case. Blazegraph stores such values inline and answers with its
 * own form of them, so compare what a {@link GraphReader} read with what was written after passing both through
 * {@link #of(Model)}.
 */
public final class CanonicalLiterals {

    private static final ValueFactory VALUES = SimpleValueFactory.getInstance();

    private CanonicalLiterals() {
    }

    /** A copy of {@code model} with every literal in canonical form; invalid values are left as they are. */
    public static Model of(Model model) {
        Model canonical = new LinkedHashModel(model.getNamespaces(), model.size());
        for (Statement statement : model) {
            canonical.add(statement.getSubject(), statement.getPredicate(), canonical(statement.getObject()),
                    statement.getContext());
        }
        return canonical;
    }

    /** The canonical form of one value (other values than literals as they are). */
    public static Value canonical(Value value) {
        if (!(value instanceof Literal literal)) {
            return value;
        }
        if (literal.getLanguage().isPresent()) {
            return VALUES.createLiteral(literal.getLabel(), literal.getLanguage().get().toLowerCase(Locale.ROOT));
        }
        if (!XMLDatatypeUtil.isBuiltInDatatype(literal.getDatatype())) {
            return literal;
        }
        try {
            return VALUES.createLiteral(XMLDatatypeUtil.normalize(literal.getLabel(), literal.getDatatype()),
                    literal.getDatatype());
        } catch (IllegalArgumentException e) {
            return literal;
        }
    }
}
