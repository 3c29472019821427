"""The `helhedsplan` console script: `helhedsplan load-json FILE --plan SLUG` and friends.

Each subcommand is the Django management command of the same name with `-` for `_`, so the
CLI and `manage.py` share one implementation.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    if not args or args[0] in ("-h", "--help", "help"):
        print(
            "brug: helhedsplan KOMMANDO [argumenter]\n\n"
            "Kommandoer:\n"
            "  load-json FIL --plan SLUG     indlæs en aftale i udvekslingsformatet\n"
            "  export-json --plan SLUG       udskriv planens aftaler som JSON\n"
            "  import FIL --json|--plan SLUG læs et dokument (DOCX, PDF, scanning, tekst)\n"
            "  export --plan SLUG --format docx|pdf -o MAPPE\n"
            "  load-period FIL               indlæs eller opdatér en bevillingsperiode (JSON)\n"
            "  approve --agreement ID --user NAVN --date DATO [--lbf]\n"
            "                                registrér bestyrelsens (eller LBF's) godkendelse\n"
            "  record-measurement --plan SLUG --user NAVN --indicator ID --year ÅR ...\n"
            "                                registrér én måling\n"
            "  import-measurements FIL --plan SLUG --user NAVN\n"
            "                                indlæs målinger fra et regneark (XLSX/CSV)\n"
            "  record-board-meeting --plan SLUG --user NAVN --year ÅR --date DATO\n"
            "                                registrér bestyrelsesmødet, der afslutter året\n"
            "  send-reminders                send påmindelser, der er forfaldne\n"
            "  worker | serve                baggrundsopgaver | webserver og opgaver sammen\n"
            "  load-demo                     indlæs demoplanen\n"
            "  grant-role BRUGERNAVN --role lbf|admin|kommune [--municipality KOMMUNE]\n"
            "                                giv en rolle på tværs af planer\n"
            "  unlock-user [BRUGERNAVN]      ophæv en spærring efter forkerte adgangskoder\n"
            "  backup FIL                    database og uploadede filer i én fil\n"
            "  restore FIL [--noinput]       gendan en backup\n"
            "  (og alle Djangos kommandoer, fx migrate)"
        )
        return 0
    command = args[0].replace("-", "_")
    execute_from_command_line(["helhedsplan", command, *args[1:]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
