package health.flipside.trend;

/** A labelled stretch of a chart's axis (a target band, a severity band): what a section's sentence lists. */
interface Range {
    String label();

    double from();

    double to();
}
