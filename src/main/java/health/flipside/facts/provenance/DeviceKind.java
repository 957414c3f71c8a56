package health.flipside.facts.provenance;

/**
 * What kind of measuring device a reading came from: only cuffs measure BP for guideline use, only fingertip
 * (transmissive) oximeters measure SpO2 for threshold logic (docs/clinical-sources.md, wearables).
 */
public enum DeviceKind {
    UPPER_ARM_CUFF,
    WRIST_CUFF,
    /**
     * Watches, rings and other wrist/finger PPG wearables: cuffless BP is not recommended for diagnosis or management
     * (2025 AHA/ACC §3.1.4.1); their SpO2 is reflectance-based and trend-only.
     */
    CUFFLESS,
    FINGERTIP_OXIMETER,
    SCALE,
    GLUCOSE_METER,
    CGM,
    UNKNOWN
}
