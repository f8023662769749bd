"""What the commands show: agenda, status, history, calendar, report."""
