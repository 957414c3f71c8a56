package health.flipside.feedback;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The analytics as one server-rendered HTML page: readable tables, inline style, no scripts, no external assets.
 * Every value is escaped (override reason displays come from the EHR).
 */
public final class AnalyticsPage {
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private AnalyticsPage() {
    }

    public static String render(Analytics a) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Flipside · card feedback analytics</title>\n<style>\n")
                .append("body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1f24}\n")
                .append("h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2.2rem}h3{font-size:1rem;margin:1.4rem 0 .4rem}\n")
                .append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\n")
                .append("th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}\n")
                .append("th{background:#f3f5f7}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append("tbody tr:nth-child(even){background:#fafbfc}code{font-size:.9em}\n")
                .append(".muted{color:#57606a}ul{margin:0;padding-left:1.1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>Card feedback analytics</h1>\n<p class=\"muted\">Generated ")
                .append(escape(GENERATED.format(a.generatedAt()))).append(" · JSON at <code>/admin/analytics</code></p>\n");

        Analytics.Totals t = a.totals();
        html.append("<h2>All cards</h2>\n<table>\n<thead><tr><th class=\"n\">Issued</th><th class=\"n\">Accepted</th>")
                .append("<th class=\"n\">Overridden</th><th class=\"n\">Acceptance rate</th><th class=\"n\">Feedback items</th></tr></thead>\n")
                .append("<tbody><tr>").append(num(t.issued())).append(num(t.accepted())).append(num(t.overridden()))
                .append(rate(t.acceptanceRate())).append(num(t.feedbackItems())).append("</tr></tbody>\n</table>\n");

        section(html, "By rule", "Rule", "rule", a.rules());
        section(html, "By card template", "Template", "template", a.templates());
        suppressions(html, a.suppressions());

        html.append("<h2>Definitions</h2>\n<dl>\n");
        a.definitions().forEach((term, meaning) ->
                html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(meaning)).append("</dd>\n"));
        html.append("</dl>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void section(StringBuilder html, String title, String column, String noun, List<Analytics.Group> groups) {
        html.append("<h2>").append(escape(title)).append("</h2>\n");
        if (groups.isEmpty()) {
            html.append("<p class=\"muted\">No cards issued yet.</p>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th>").append(escape(column)).append("</th><th class=\"n\">Issued</th>")
                .append("<th class=\"n\">Accepted</th><th class=\"n\">Overridden</th><th class=\"n\">Acceptance rate</th>")
                .append("<th>Override reasons (cards)</th></tr></thead>\n<tbody>\n");
        for (Analytics.Group g : groups) {
            html.append("<tr><td><code>").append(escape(g.id())).append("</code></td>").append(num(g.issued()))
                    .append(num(g.accepted())).append(num(g.overridden())).append(rate(g.acceptanceRate()))
                    .append("<td>").append(reasons(g.overrideReasons())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");

        html.append("<h3>Acceptance rate per ISO week, by ").append(escape(noun)).append("</h3>\n<table>\n<thead><tr><th>")
                .append(escape(column)).append("</th><th>Week</th><th class=\"n\">Issued</th><th class=\"n\">Accepted</th>")
                .append("<th class=\"n\">Overridden</th><th class=\"n\">Acceptance rate</th></tr></thead>\n<tbody>\n");
        for (Analytics.Group g : groups) {
            for (Analytics.Week w : g.weeks()) {
                html.append("<tr><td><code>").append(escape(g.id())).append("</code></td><td>").append(escape(w.week()))
                        .append("</td>").append(num(w.issued())).append(num(w.accepted())).append(num(w.overridden()))
                        .append(rate(w.acceptanceRate())).append("</tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void suppressions(StringBuilder html, List<Analytics.Suppression> suppressions) {
        html.append("<h2>Alert hygiene: suppressed cards by rule</h2>\n");
        if (suppressions.isEmpty()) {
            html.append("<p class=\"muted\">No card overridden with a reason yet.</p>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th>Rule</th><th class=\"n\">Period (days)</th><th class=\"n\">Overrides</th>")
                .append("<th class=\"n\">Patients suppressed now</th><th class=\"n\">Findings suppressed</th></tr></thead>\n<tbody>\n");
        for (Analytics.Suppression s : suppressions) {
            html.append("<tr><td><code>").append(escape(s.ruleId())).append("</code></td><td class=\"n\">")
                    .append(s.days() == null ? "not suppressed" : String.valueOf(s.days())).append("</td>")
                    .append(num(s.overrides())).append(num(s.activePatients())).append(num(s.suppressedFindings())).append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static String reasons(List<Analytics.ReasonCount> reasons) {
        if (reasons.isEmpty()) {
            return "<span class=\"muted\">—</span>";
        }
        return "<ul>" + reasons.stream().map(r -> {
            String label = r.code() == null ? "comment only"
                    : (r.display() == null ? r.code() : r.display() + " (" + r.code() + ")");
            return "<li>" + escape(label) + ": " + r.count() + "</li>";
        }).collect(Collectors.joining()) + "</ul>";
    }

    private static String num(long value) {
        return "<td class=\"n\">" + value + "</td>";
    }

    private static String rate(Double value) {
        return "<td class=\"n\">" + (value == null ? "—" : String.format(Locale.ROOT, "%.1f %%", value * 100)) + "</td>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
