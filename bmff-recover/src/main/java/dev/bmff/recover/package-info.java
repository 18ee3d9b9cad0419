/**
 * Recovery of MP4/MOV recordings that lost their index: {@link dev.bmff.recover.Recovery} is the entry point,
 * {@link dev.bmff.recover.RepairReport} says what was found and skipped.
 */
package dev.bmff.recover;
