"""WHEN it runs: the demo, the nightly job, the scheduler, notifications."""
