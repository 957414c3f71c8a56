package health.flipside.facts;

/** What kind of measuring device a blood-pressure reading came from; only cuffs measure BP for guideline use. */
public enum DeviceKind {
    UPPER_ARM_CUFF,
    WRIST_CUFF,
    /** Watches, rings and other cuffless estimators: not recommended for diagnosis or management (2025 AHA/ACC §3.1.4.1). */
    CUFFLESS,
    UNKNOWN
}
