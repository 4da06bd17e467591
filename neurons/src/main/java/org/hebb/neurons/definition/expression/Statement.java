package org.hebb.neurons.definition.expression;

/**
 * An assignment of a reset or of a receptor's arrival: {@code target = value}, or {@code target op= value}.
 *
 * @param target    the variable assigned
 * @param operator  null for {@code =}, else the operator of {@code +=}, {@code -=}, {@code *=}, {@code /=}
 * @param value     the right-hand side
 * @param text      the statements' text, for messages (positions refer to it)
 * @param position  where this statement starts in {@code text}
 */
public record Statement(String target, Expression.Operator operator, Expression value, String text, int position) {
    /** The value assigned: {@code value}, or {@code target op value}. */
    public Expression assigned() {
        if (operator == null) {
            return value;
        }
        return new Expression.Binary(operator, new Expression.Name(target, position, position + target.length()),
                value, -1, -1);
    }
}
