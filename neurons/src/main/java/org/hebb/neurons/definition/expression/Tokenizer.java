package org.hebb.neurons.definition.expression;

import java.util.ArrayList;
import java.util.List;

import org.hebb.neurons.definition.DefinitionException;

/** Splits a text of the definition language into tokens; everything from {@code #} to the line's end is a comment. */
final class Tokenizer {
    private static final String[] SYMBOLS = {"**", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "+", "-", "*",
        "/", "^", "(", ")", ",", "<", ">", "=", ":", ";"};

    private Tokenizer() {
    }

    /** The tokens of {@code text}, ending with an END token. */
    static List<Token> tokens(String what, String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                int start = i;
                while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int mark = i++;
                    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < n && isDigit(text.charAt(i))) {
                        while (i < n && isDigit(text.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = mark;
                    }
                }
                String number = text.substring(start, i);
                if (number.indexOf('.') != number.lastIndexOf('.')) {
                    throw DefinitionException.at(what, text, start, "'" + number + "' is not a number");
                }
                tokens.add(new Token(Token.Kind.NUMBER, number, start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                tokens.add(new Token(Token.Kind.NAME, text.substring(start, i), start));
            } else {
                String symbol = symbolAt(text, i);
                if (symbol == null) {
                    throw DefinitionException.at(what, text, i, "unexpected character '" + c + "'");
                }
                tokens.add(new Token(Token.Kind.SYMBOL, symbol, i));
                i += symbol.length();
            }
        }
        tokens.add(new Token(Token.Kind.END, "", n));
        return tokens;
    }

    /** Whether {@code c} is one of 0 to 9: numbers are written in those digits only, as Java and C read them. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String symbolAt(String text, int i) {
        for (String s : SYMBOLS) {
            if (text.startsWith(s, i)) {
                return s;
            }
        }
        return null;
    }
}
