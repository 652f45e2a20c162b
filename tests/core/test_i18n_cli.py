"""The CLI speaks the interface language in its --help (argparse's own words included) and in
its one-line errors; English stays the source text, word for word.

The language comes from the system (``LANG``) or from ``--lang``, which is read before the
command line is parsed, so that parser errors speak it too.
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from belgai_desktop import cli

NBSP = "\u00a0"
LEVELS = ("'eu', 'federal', 'flemish', 'walloon', 'brussels', 'community', 'international', "
          "'non-governmental'")


def belgai_help(lang_env: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG=lang_env, PYTHONIOENCODING="utf-8", COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "belgai_desktop", *args, "--help"], capture_output=True,
                          text=True, env=env, timeout=120)


def flat(text: str) -> str:
    """Help text without argparse's line wrapping; no-break spaces stay (str.split() would
    take them for spaces)."""
    return re.sub(r"[ \n]+", " ", text)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and stderr of ``belgai argv``; a parser error exits through SystemExit."""
    try:
        code = cli.main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err[:-1]


# -- --help -------------------------------------------------------------------------------------

HELP = {
    "nl": ("gebruik: belgai [-h]", "positionele argumenten:", "opties:",
           "deze hulptekst tonen en afsluiten", "het versienummer van het programma tonen en afsluiten",
           "één fiche tonen", "een samenvatting van één pagina als pdf schrijven",
           "een offline naslagwerk over het bestuur van artificiële"),
    "fr": ("utilisation\u00a0: belgai [-h]", "arguments positionnels\u00a0:", "options\u00a0:",
           "afficher ce message d'aide et quitter", "afficher le numéro de version du programme et quitter",
           "afficher une fiche", "écrire un résumé d'une page en PDF",
           "une référence hors ligne sur la gouvernance de l'intelligence"),
    "de": ("Verwendung: belgai [-h]", "Positionsargumente:", "Optionen:",
           "diese Hilfe anzeigen und beenden", "die Versionsnummer des Programms anzeigen und beenden",
           "einen Eintrag anzeigen", "eine einseitige Zusammenfassung als PDF schreiben",
           "ein Offline-Nachschlagewerk zur Governance der künstlichen"),
}
ENGLISH_HELP = ("usage: belgai [-h]", "positional arguments:", "options:", "show this help message and exit",
                "show program's version number and exit", "show one record", "write a one-page PDF summary",
                "an offline reference to AI governance in Belgium")


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_help_follows_the_system_language(lang):
    result = belgai_help(f"{lang}_BE.UTF-8")
    assert result.returncode == 0, result.stderr
    text = flat(result.stdout)
    for expected in HELP[lang]:
        assert expected in text, (expected, result.stdout)
    for english in ENGLISH_HELP:
        assert english not in text, (english, result.stdout)
    assert result.stderr == ""


def test_help_in_english_is_unchanged():
    result = belgai_help("C.UTF-8")
    assert result.returncode == 0, result.stderr
    text = flat(result.stdout)
    for expected in ENGLISH_HELP:
        assert expected in text, (expected, result.stdout)


def test_subcommand_help_follows_lang_given_on_the_command_line():
    result = belgai_help("C.UTF-8", "print", "--lang", "de")
    assert result.returncode == 0, result.stderr
    text = flat(result.stdout)
    assert text.startswith("Verwendung: belgai print [-h]")
    assert "Positionsargumente:" in text and "Optionen:" in text
    assert "ID des Eintrags, z. B. fps-bosa" in text
    assert "FILE.pdf überschreiben, falls vorhanden" in text
    assert "Papierformat (Standard: a4)" in text


def test_the_argparse_words_we_translate_are_argparse_s():
    """If Python rewords one of argparse's messages, ours would silently stop matching."""
    source = inspect.getsource(argparse)
    for msgid in cli.ARGPARSE_MESSAGES:
        assert repr(msgid) in source or f'"{msgid}"' in source, msgid


# -- one-line errors ----------------------------------------------------------------------------

UNKNOWN_ID = {
    "en": "belgai: no record with id 'nope' (try `belgai list` or `belgai search`)",
    "nl": "belgai: geen fiche met id 'nope' (probeer `belgai list` of `belgai search`)",
    "fr": "belgai: aucune fiche avec l'identifiant 'nope' (essayez `belgai list` ou `belgai search`)",
    "de": "belgai: kein Eintrag mit der ID 'nope' (versuchen Sie `belgai list` oder `belgai search`)",
}
BAD_OPTION = {
    "en": f"belgai list: error: argument --level: invalid choice: 'xx' (choose from {LEVELS}) "
          "(see `belgai list --help`)",
    "nl": f"belgai list: fout: argument --level: ongeldige keuze: 'xx' (kies uit {LEVELS}) "
          "(zie `belgai list --help`)",
    "fr": f"belgai list{NBSP}: erreur{NBSP}: argument --level{NBSP}: choix non valide{NBSP}: 'xx' "
          f"(choisissez parmi {LEVELS}) (voir `belgai list --help`)",
    "de": f"belgai list: Fehler: Argument --level: ungültige Auswahl: 'xx' (wählen Sie aus {LEVELS}) "
          "(siehe `belgai list --help`)",
}
MISSING_ARGS = {
    "en": "belgai print: error: the following arguments are required: id, -o/--output "
          "(see `belgai print --help`)",
    "nl": "belgai print: fout: de volgende argumenten zijn verplicht: id, -o/--output "
          "(zie `belgai print --help`)",
    "fr": f"belgai print{NBSP}: erreur{NBSP}: les arguments suivants sont obligatoires{NBSP}: id, -o/--output "
          "(voir `belgai print --help`)",
    "de": "belgai print: Fehler: die folgenden Argumente sind erforderlich: id, -o/--output "
          "(siehe `belgai print --help`)",
}
EXISTS = {
    "en": "belgai: {path} already exists; use --force to overwrite it",
    "nl": "belgai: {path} bestaat al; gebruik --force om het te overschrijven",
    "fr": f"belgai: {{path}} existe déjà{NBSP}; utilisez --force pour l'écraser",
    "de": "belgai: {path} existiert bereits; mit --force wird die Datei überschrieben",
}
NO_DATABASE = {
    "en": "belgai: database not found: {path} (build it with `belgai db build`)",
    "nl": "belgai: databank niet gevonden: {path} (bouw ze met `belgai db build`)",
    "fr": f"belgai: base de données introuvable{NBSP}: {{path}} (construisez-la avec `belgai db build`)",
    "de": "belgai: Datenbank nicht gefunden: {path} (erstellen Sie sie mit `belgai db build`)",
}


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_unknown_record_id_with_lang(fixture_db_path, capsys, lang):
    code, err = run(["--database", str(fixture_db_path), "show", "nope", "--lang", lang], capsys)
    assert code == 2
    assert one_line(err) == UNKNOWN_ID[lang]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_unknown_record_id_in_the_system_language(fixture_db_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("LANG", "C.UTF-8" if lang == "en" else f"{lang}_BE.UTF-8")
    code, err = run(["--database", str(fixture_db_path), "show", "nope"], capsys)
    assert code == 2
    assert one_line(err) == UNKNOWN_ID[lang]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_bad_option_with_lang(capsys, lang):
    code, err = run(["list", "--lang", lang, "--level", "xx"], capsys)
    assert code == 2
    assert one_line(err) == BAD_OPTION[lang]


@pytest.mark.parametrize("lang", ["nl", "fr", "de"])
def test_bad_option_in_the_system_language(capsys, monkeypatch, lang):
    monkeypatch.setenv("LANG", f"{lang}_BE.UTF-8")
    code, err = run(["list", "--level", "xx"], capsys)
    assert code == 2
    assert one_line(err) == BAD_OPTION[lang]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_missing_arguments(capsys, monkeypatch, lang):
    monkeypatch.setenv("LANG", "C.UTF-8" if lang == "en" else f"{lang}_BE.UTF-8")
    code, err = run(["print"], capsys)
    assert code == 2
    assert one_line(err) == MISSING_ARGS[lang]


def test_lang_on_the_command_line_wins_over_the_system_language(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "de_BE.UTF-8")
    code, err = run(["list", "--level", "xx", "--lang=nl"], capsys)
    assert code == 2
    assert one_line(err) == BAD_OPTION["nl"]


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_existing_output_file(tmp_path: Path, capsys, lang):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"keep me")
    code, err = run(["print", "fps-bosa", "-o", str(target), "--lang", lang], capsys)
    assert code == 2
    assert one_line(err) == EXISTS[lang].format(path=target)
    assert target.read_bytes() == b"keep me"


@pytest.mark.parametrize("lang", ["en", "nl", "fr", "de"])
def test_missing_database(tmp_path: Path, capsys, lang):
    missing = tmp_path / "none.sqlite"
    code, err = run(["--database", str(missing), "list", "--lang", lang], capsys)
    assert code == 2
    assert one_line(err) == NO_DATABASE[lang].format(path=missing)


# -- text output --------------------------------------------------------------------------------

def test_data_diff_text_uses_the_language_s_punctuation(fixture_db_path, bundled_db_path, capsys):
    assert cli.main(["data", "diff", str(fixture_db_path), str(bundled_db_path), "--lang", "fr"]) == 0
    lines = capsys.readouterr().out.splitlines()
    added = [line for line in lines if line.startswith("Ajouté")]
    removed = [line for line in lines if line.startswith("Supprimé")]
    assert added and removed
    assert all(line.startswith(f"Ajouté{NBSP}: ") for line in added), added[:3]
    assert all(line.startswith(f"Supprimé{NBSP}: ") for line in removed), removed[:3]
    assert not [line for line in lines if line.startswith(("Added", "Removed"))]
