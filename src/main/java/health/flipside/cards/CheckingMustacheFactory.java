package health.flipside.cards;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheVisitor;
import com.github.mustachejava.TemplateContext;
import com.github.mustachejava.codes.ValueCode;

/**
 * Mustache renders a name it cannot resolve as nothing, so "{{home.meanSystolc}}" would quietly print an empty
 * number on a physician's card. Texts compiled here mark every value tag that resolves to nothing, and
 * {@link #missing} reads the marks back: the scenario runner and the author command render with these texts and
 * refuse a template with such a tag. Sections ({{#x}}, {{^x}}) are not marked: an absent flag is their normal use.
 */
final class CheckingMustacheFactory extends CardCatalog.MarkdownMustacheFactory {
    private static final char START = '\u0001';
    private static final char END = '\u0002';
    private static final Pattern MARK = Pattern.compile(START + "([^" + END + "@]*)@(\\d+)" + END);

    /** A value tag that rendered nothing: its name and its line within the text it was compiled from. */
    record Missing(String name, int line) {
    }

    CheckingMustacheFactory(Path root) {
        super(root);
    }

    @Override
    public MustacheVisitor createMustacheVisitor() {
        return new DefaultMustacheVisitor(this) {
            @Override
            public void value(TemplateContext tc, String variable, boolean encoded) {
                list.add(new ValueCode(tc, df, variable, true) { // escaped, as served
                    @Override
                    public Writer execute(Writer writer, List<Object> scopes) {
                        if (get(scopes) == null) {
                            try {
                                writer.write(START + variable + "@" + tc.line() + END);
                            } catch (IOException e) {
                                throw new MustacheException(e);
                            }
                        }
                        return super.execute(writer, scopes);
                    }
                });
            }
        };
    }

    static List<Missing> missing(String rendered) {
        Matcher mark = MARK.matcher(rendered);
        List<Missing> found = new java.util.ArrayList<>();
        while (mark.find()) {
            found.add(new Missing(mark.group(1), Integer.parseInt(mark.group(2))));
        }
        return found;
    }

    /** The text as the serving texts render it. */
    static String unmarked(String rendered) {
        return MARK.matcher(rendered).replaceAll("");
    }
}
