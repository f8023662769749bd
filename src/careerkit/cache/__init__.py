"""What was read, kept in .careerkit/ so that an unchanged file is not parsed again."""
