package health.flipside.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.drools.decisiontable.parser.csv.CsvLineParser;
import org.drools.template.parser.DecisionTableParseException;

/**
 * Decision tables ({@code *.drl.csv}, {@code *.drl.xls}, {@code *.drl.xlsx}): checked strictly, then turned into DRL.
 * Drools reads a column-type cell by its first letter, so "CONDITON" silently becomes a condition and
 * "PRECONDITION" a priority: a table with a misspelt column type would load and quietly do something else. Every
 * column type below a "RuleTable" row must therefore be spelt out exactly (or be Drools' one-letter code).
 */
final class DecisionTables {
    static final List<String> ENDINGS = List.of(".drl.csv", ".drl.xls", ".drl.xlsx");

    private static final Set<String> COLUMN_TYPES = Set.of("CONDITION", "ACTION", "NAME", "DESCRIPTION", "PRIORITY",
            "SALIENCE", "DURATION", "TIMER", "ENABLED", "CALENDARS", "NO-LOOP", "LOCK-ON-ACTIVE", "AUTO-FOCUS",
            "ACTIVATION-GROUP", "AGENDA-GROUP", "RULEFLOW-GROUP", "DATE-EFFECTIVE", "DATE-EXPIRES", "METADATA");
    private static final Set<String> ONE_LETTER_CODES = Set.of("C", "A", "N", "I", "P", "D", "T", "B", "E", "U", "L",
            "F", "X", "G", "R", "V", "Z", "@");
    private static final Pattern CELL = Pattern.compile("cell ([A-Z]+)(\\d+)");

    private DecisionTables() {
    }

    static boolean isDecisionTable(Path file) {
        String name = file.getFileName().toString();
        return ENDINGS.stream().anyMatch(name::endsWith);
    }

    /** The table as DRL, or a refusal naming the row. */
    static String toDrl(Path file) {
        List<SourceProblem> problems = checkColumnTypes(file);
        if (!problems.isEmpty()) {
            throw new RuleSetException("Decision table refused", problems);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return new SpreadsheetCompiler().compile(in, isCsv(file) ? InputType.CSV : InputType.XLS);
        } catch (DecisionTableParseException e) {
            Matcher cell = CELL.matcher(String.valueOf(e.getMessage()));
            throw RuleSetException.at(file, cell.find() ? Integer.parseInt(cell.group(2)) : 0, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw RuleSetException.at(file, 0, "not a readable decision table: " + e.getMessage());
        }
    }

    static List<SourceProblem> checkColumnTypes(Path file) {
        List<List<String>> rows = rows(file);
        List<SourceProblem> problems = new ArrayList<>();
        for (int r = 0; r + 1 < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (row.get(c).strip().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                    checkTypeRow(file, r + 2, rows.get(r + 1), c, problems);
                }
            }
        }
        return problems;
    }

    private static void checkTypeRow(Path file, int line, List<String> types, int from, List<SourceProblem> problems) {
        for (int c = from; c < types.size(); c++) {
            String type = types.get(c).strip();
            String upper = type.toUpperCase(Locale.ROOT);
            if (!type.isEmpty() && !COLUMN_TYPES.contains(upper) && !ONE_LETTER_CODES.contains(upper)) {
                problems.add(new SourceProblem(file, line, "column " + column(c) + ": '" + type
                        + "' is not a decision-table column type (CONDITION, ACTION, NAME, PRIORITY, DESCRIPTION, …)"));
            }
        }
    }

    /** Every row as text cells; row i of the list is line (or spreadsheet row) i + 1. */
    private static List<List<String>> rows(Path file) {
        try {
            if (isCsv(file)) {
                CsvLineParser parser = new CsvLineParser();
                return Files.readAllLines(file).stream().map(line -> parser.parse(line)).toList();
            }
            try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
                Sheet sheet = workbook.getSheetAt(0);
                DataFormatter text = new DataFormatter();
                List<List<String>> rows = new ArrayList<>();
                for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; row != null && c < row.getLastCellNum(); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : text.formatCellValue(cell));
                    }
                    rows.add(cells);
                }
                return rows;
            }
        } catch (IOException | RuntimeException e) {
            throw RuleSetException.at(file, 0, "not a readable decision table: " + e.getMessage());
        }
    }

    private static boolean isCsv(Path file) {
        return file.getFileName().toString().endsWith(".csv");
    }

    private static String column(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "A" + (char) ('A' + index - 26);
    }
}
