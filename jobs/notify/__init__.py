"""E-mail: who is reminded of what (jobs/notify/recipients.py), the digests (jobs/notify/digest.py), SMTP (jobs/notify/mailer.py), and
the `remind` run that puts them together (jobs/notify/remind.py)."""
