package dev.valhalla.migrate.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A table of left-aligned columns for text output; the last column is never padded. */
final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        measure(header, widths);
        rows.forEach(row -> measure(row, widths));
        printRow(out, header, widths);
        rows.forEach(row -> printRow(out, row, widths));
    }

    private static void measure(List<String> row, int[] widths) {
        for (int i = 0; i < row.size() && i < widths.length; i++) {
            widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
        }
    }

    private static void printRow(PrintWriter out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            line.append(cell);
            if (i < row.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()) + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
