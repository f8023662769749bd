"""A person's plan, handed to their next manager (or to them): `careerkit handover` and `careerkit receive`.

contents: which files and sections go (by default what the person's own page holds, never a note);
bundle: the tar archive with manifest.json and a sha256 of each file, and reading one back with care;
crypt: age encryption to SSH and age keys (pyrage, imported only here); receiving: adding the person to
another notes repository, all or nothing, with the previous manager's open promises marked `inherited`.
"""
