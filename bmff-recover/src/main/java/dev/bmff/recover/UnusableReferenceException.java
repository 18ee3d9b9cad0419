package dev.bmff.recover;

/** The reference file cannot teach anything: no moov, no samples, or no track of a kind recovery knows. */
public class UnusableReferenceException extends RepairException {
    public UnusableReferenceException(String message) {
        super(message);
    }

    public UnusableReferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
