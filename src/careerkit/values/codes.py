"""The stable code of each kind of problem careerkit reports in the notes.

A message is written for people and may be reworded; a code is for scripts
and for careerkit itself, and does not change: what blocks an edit, what the
cache keeps and what `new plan` leaves out key on codes, never on message text.
`check --json` prints the code of each problem; docs/contract.md lists them all
(from `MEANINGS`, so the page cannot drift).
"""

# -- a file or folder that could not be read as such --------------------------------------------------------------
CANNOT_READ = "cannot-read"
NOT_A_FILE = "not-a-file"
TOO_LARGE = "too-large"
NOT_TEXT = "not-text"
OUTSIDE_ROOT = "outside-root"
INTO_GIT = "link-into-git"
BROKEN_LINK = "broken-link"
BAD_FILE_NAME = "bad-file-name"
NOT_A_SLUG = "not-a-slug"
SAME_FOLDER = "same-folder"
NOT_CHECKED = "not-checked"
INTERNAL_ERROR = "internal-error"

# -- frontmatter and YAML ---------------------------------------------------------------------------------------------
NO_FRONTMATTER = "no-frontmatter"
BAD_YAML = "bad-yaml"
NOT_A_MAPPING = "not-a-mapping"
DUPLICATE_KEY = "duplicate-key"
UNKNOWN_KEY = "unknown-key"
YAML_BASE_60 = "yaml-base-60"
YAML_OCTAL = "yaml-octal"
YAML_BOOLEAN = "yaml-boolean"
YAML_NUMBER = "yaml-number"
YAML_DATE = "yaml-date"
MERGE_CONFLICT = "merge-conflict"

# -- values -----------------------------------------------------------------------------------------------------------
NO_STAGE = "no-stage"
UNKNOWN_STAGE = "unknown-stage"
NO_DATE = "no-date"
BAD_DATE = "bad-date"
BAD_VALUE = "bad-value"
PERSON_MISMATCH = "person-mismatch"
BAD_RATING = "bad-rating"
UNEVEN_HAVE = "uneven-have"

# -- actions ----------------------------------------------------------------------------------------------------------
BAD_ACTION = "bad-action"
BAD_ACTION_ID = "bad-action-id"
DUPLICATE_ID = "duplicate-id"
BAD_STATUS = "bad-status"
NO_TITLE = "no-title"
NO_CLOSED_DATE = "no-closed-date"
MISPLACED_ACTIONS = "misplaced-actions"

# -- receiving a handover -------------------------------------------------------------------------------------------
CLASH = "clash"

MEANINGS = {
    CANNOT_READ: "the file or folder could not be opened or read (permissions, an I/O error)",
    NOT_A_FILE: "a folder, pipe, socket or device stands where a Markdown document was expected",
    TOO_LARGE: "the file is larger than careerkit reads (16 MiB), or its frontmatter is (1 MiB)",
    NOT_TEXT: "the file is not UTF-8 text (UTF-16, binary, or a byte that is not UTF-8)",
    OUTSIDE_ROOT: "a link that leads outside the notes repository; not followed",
    INTO_GIT: "a link that leads into a .git folder (where tokens and remotes live); not followed",
    BROKEN_LINK: "a link whose target does not exist, or that cannot be followed (a loop)",
    BAD_FILE_NAME: "a file name that is not valid UTF-8",
    NOT_A_SLUG: "a folder in `people/` whose name is not a person slug; that person is not read",
    SAME_FOLDER: "two folders in `people/` whose names differ only in case or Unicode form: one folder on macOS "
    "and Windows",
    NOT_CHECKED: "a path given to `check` that careerkit never reads",
    INTERNAL_ERROR: "careerkit failed on this document; the others are still read (please report it)",
    NO_FRONTMATTER: "the file is empty, does not start with `---`, or never closes its frontmatter",
    BAD_YAML: "the YAML cannot be parsed (or is refused: nested too deeply, too many aliases)",
    NOT_A_MAPPING: "the frontmatter or careerkit.yaml is a list or a single value, not keys and values",
    DUPLICATE_KEY: "a key written twice in one mapping: YAML keeps only the last",
    UNKNOWN_KEY: "a key or setting careerkit does not read (often a misspelt one); it is ignored",
    YAML_BASE_60: "digits with colons (`12:30`) read as a number in base 60",
    YAML_OCTAL: "a number with a leading 0 read as octal",
    YAML_BOOLEAN: "an unquoted yes, no, on or off read as true or false where text belongs",
    YAML_NUMBER: "a number where text belongs",
    YAML_DATE: "a date where text belongs",
    MERGE_CONFLICT: "git left both sides of a merge in the file",
    NO_STAGE: "a document without `stage`, and a file name that does not give one",
    UNKNOWN_STAGE: "`stage` is not story, dreams, plan, checkin or note",
    NO_DATE: "a document without `date`, and a file name that does not give one",
    BAD_DATE: "a date that is not a real YYYY-MM-DD day",
    BAD_VALUE: "a value of the wrong kind or out of range (a list expected, text expected, days of 1 or more...)",
    PERSON_MISMATCH: "`person` names someone other than the folder the document is in",
    BAD_RATING: "a `need` or `have` that is not a whole number from 1 to 5; that skill is left out",
    UNEVEN_HAVE: "one skill rated with a different `have` in two dreams of one document",
    BAD_ACTION: "an action that is not a mapping of keys; left out",
    BAD_ACTION_ID: "an action without `id`, or whose `id` is not a positive whole number; left out",
    DUPLICATE_ID: "an action id used again by the same person; the copy in the newest document counts",
    BAD_STATUS: "an action `status` other than open, done or dropped; left out",
    NO_TITLE: "an action without `title`",
    NO_CLOSED_DATE: "a done or dropped action without a `closed` date",
    MISPLACED_ACTIONS: "actions in a story, dreams or note document (they still count)",
    CLASH: "`receive` would write a file or folder that is already there; nothing is received",
}
