"""The `safety365` command: check records, write schemas and skeletons, build outputs."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
import sys
import time
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from generator import processes
from generator.clock import today
from generator.errors import IssuedError, OutputError, Problem, RecordsError
from generator.records import loader
from generator.records.catalog import Catalog
from generator.records.editorial import BulletinEditorial, EpisodeEditorial
from generator.records.memo import CACHE
from generator.records.models import KINDS, Case, CaseDisposition
from generator.records.registry import Office, Units
from generator.records.skeleton import SCHEMA_DIR, free_order_no, skeleton
from generator.records.vocabulary import Disposition

if typing.TYPE_CHECKING:
    import rich.console

    from generator.build import Project
    from generator.records.issued import Entry

# The outputs' modules (mkdocs, Jinja, the render cache, the editions) load in the commands that use them:
# `check` after one edit must answer within a second, and importing them all takes a good part of one.

RECORDS = Path("records")


def _refuse(problems: list[Problem]) -> NoReturn:
    """Print every problem as path:line:col: message, a count, and exit 1."""
    for problem in problems:
        click.echo(str(problem))
    files = len({p.path for p in problems})
    click.echo(f"{len(problems)} problem(s) in {files} file(s)", err=True)
    sys.exit(1)


records_option = click.option("--records", type=click.Path(path_type=Path), default=RECORDS, show_default=True)
out_option = click.option("--out", type=click.Path(path_type=Path), default=Path("dist"), show_default=True)
papers_out_option = click.option(
    "--out", type=click.Path(path_type=Path), default=Path("papers"), show_default=True,
    help="Office papers go to OUT/orders/: apart from dist/, which every build replaces, and never on the site.",
)
as_of_option = click.option("--as-of", "day", type=click.DateTime(["%Y-%m-%d"]), help="Build as if on this date (default: today).")
config_option = click.option(
    "--config", "config_file", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True
)
cache_option = click.option(
    "--cache", type=click.Path(path_type=Path), envvar="SAFETY365_CACHE",
    help="Keep what was read and rendered here, to reuse while its inputs stay the same (default: .cache).",
)


class Commands(click.Group):
    """The command group; failures a user can cause outside the records get a message, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as exc:  # a full disk, a folder without write permission
            raise click.ClickException(f"{exc.filename or ''}: {exc.strerror or exc}") from None
        except Exception as exc:
            jinja = sys.modules.get("jinja2")  # a template error comes from a command that loaded Jinja
            if jinja is not None and isinstance(exc, jinja.TemplateSyntaxError):  # someone edited a template under theme/
                raise click.ClickException(f"{exc.filename or exc.name}:{exc.lineno}: template error: {exc.message}") from None
            if jinja is not None and isinstance(exc, jinja.TemplateError):
                raise click.ClickException(f"template error: {exc}") from None
            raise


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Compile the office's YAML records into site, bulletins, TV packs, WeChat articles, vertical clips and post-room papers."""
    processes.collect_less()


def run() -> NoReturn:
    """The console command: `main`, then leave the process at once instead of tearing its heap down.

    A build at ten years ends holding millions of objects (records, their
    public copies, composed editions, pages); Python's orderly shutdown
    frees them one by one and runs the cycle collector over them first, 2.3
    of the 9 seconds a rebuild after one edit took, with every output
    written and published already. Nothing is left to do by then: each
    command's files, worker pools and temporary folders are closed by its
    own `with` blocks, so the streams are flushed and the process exits (as
    mypy's command does). `main` stays an ordinary click group for tests.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # sys.exit("message"): Python prints it and exits 1
        print(code, file=sys.stderr)
        code = 1
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


@main.command()
@click.argument("records", type=click.Path(path_type=Path), default=RECORDS)
@cache_option
def check(records: Path, cache: Path | None) -> None:
    """Validate every record; print each problem as path:line:col: message."""
    catalog, problems = loader.read(records, _memo(cache))
    if problems or catalog is None:
        _refuse(problems)
    click.echo(f"{len(catalog.records)} records OK", err=True)


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path(SCHEMA_DIR), show_default=True)
def schema(out: Path) -> None:
    """Write a JSON Schema per record kind (and for the two registries)."""
    out.mkdir(parents=True, exist_ok=True)
    models = {**KINDS, "units": Units, "office": Office, "bulletin": BulletinEditorial, "episode": EpisodeEditorial}
    for name, model in models.items():
        document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(str(path))


@main.command()
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Record date (default: today).")
@click.option("--title", help="Title, where the kind has one.")
@click.option("--slug", default=None, help="ASCII name for the file and URL (default: the kind).")
@click.option(
    "--disposition", type=click.Choice([d.value for d in typing.get_args(CaseDisposition)]), default=Disposition.SUPERVISED.value,
    show_default=True,
    help="For a case: how it is handled; its order number gets the matching character (督 / 交 / 转).",
)
@records_option
def new(kind: str, day: dt.datetime | None, title: str | None, slug: str | None, disposition: str, records: Path) -> None:
    """Write a commented skeleton record in the right place and print its path.

    A new case gets the next free order number of its year.
    """
    date = day.date() if day else today()
    base = slug or kind
    if not loader.RECORD_FILE.match(f"{date}-{base}.yaml"):
        raise click.BadParameter("use lowercase letters a-z, digits and hyphens", param_hint="--slug")
    try:
        units = loader.load_registry(records, "units.yaml", Units)
        office = loader.load_registry(records, "office.yaml", Office)
    except RecordsError as exc:
        _refuse(exc.problems)
    folder = records / kind / str(date.year)
    path, number = folder / f"{date}-{base}.yaml", 1
    while path.exists():
        number += 1
        path = folder / f"{date}-{base}-{number}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    values: dict[str, object] = {}
    if kind == Case.kind:
        chosen = Disposition(disposition)
        values = {"disposition": chosen.value, "order_no": free_order_no(records, date.year, office.orders.code, chosen)}
        if chosen is Disposition.REFERRED:
            values["referred_to"] = units.members[0].name if units.members else ""
    path.write_text(skeleton(KINDS[kind], units, date, title, values), encoding="utf-8")
    click.echo(str(path))


def _memo(cache: Path | None) -> Path:
    """Where record files read before are remembered: in the cache (.cache here, or beside mkdocs.yml for builds)."""
    return (cache if cache is not None else Path(CACHE)) / "records"


def _catalog(records: Path, cache: Path | None = None) -> Catalog:
    """The validated catalog (record files read before remembered in `cache`), or the problems printed and exit 1."""
    try:
        catalog = loader.load(records, _memo(cache))
    except RecordsError as exc:
        _refuse(exc.problems)
    click.echo(f"{len(catalog.records)} records OK", err=True)
    return catalog


@functools.cache
def _console() -> rich.console.Console:
    """Where the steps are reported: made once per command (each one looks at the terminal and the environment)."""
    from rich.console import Console  # only for the commands that report steps

    return Console(stderr=True)


@contextmanager
def _step(label: str) -> Iterator[None]:
    """A line when a step starts and one when it is done (no spinner: a display thread must not run while the site forks)."""
    console = _console()
    start = time.perf_counter()
    if console.is_terminal:
        console.print(f"building {label}…", highlight=False)
    yield
    console.print(f"{label}: built in {time.perf_counter() - start:.1f} s", highlight=False)


def _address(value: str) -> str:
    """host:port, or a usage error saying what is wrong."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise click.BadParameter(f"'{value}' is not host:port, like 127.0.0.1:8000")
    return value


def _fail(exc: OutputError | IssuedError) -> NoReturn:
    click.echo(f"error: {exc}", err=True)
    sys.exit(1)


def _say(line: str) -> None:
    click.echo(line, err=True)


def _project(config_file: Path, cache: Path | None) -> Project:
    """The project of mkdocs.yml, or its problem printed and exit 1."""
    from generator.build import Project

    try:
        return Project.read(config_file, cache)
    except OutputError as exc:
        _fail(exc)


@main.command()
@records_option
@out_option
@as_of_option
@config_option
@cache_option
def build(records: Path, out: Path, day: dt.datetime | None, config_file: Path, cache: Path | None) -> None:
    """Check the records, then build every output (bulletins, TV packs, site) into OUT.

    OUT is a link to a complete build: the new one is written beside it and
    OUT switches to it at once, only when every output succeeded; a failure
    leaves the previous build serving. The build before is kept for
    `safety365 rollback`. A second build into the same OUT waits for the first.
    """
    from generator.build import build_all
    from generator.publish import current, publishing, spare

    processes.start()  # the workers' libraries load while the records are read
    project = _project(config_file, cache)
    catalog = _catalog(records, project.cache.root)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        with publishing(out, _say) as version, project.cache.in_use():
            for line in build_all(catalog, day.date() if day else today(), project, version, _step, current(out), spare(out)):
                click.echo(line.replace(str(version), str(out)), err=True)
    except (OutputError, IssuedError) as exc:
        _fail(exc)
    except OSError as exc:
        _fail(OutputError(f"{exc.filename or out}: {exc.strerror}"))


@main.command()
@out_option
def rollback(out: Path) -> None:
    """Serve the build published before the current one again (OUT switches back at once)."""
    from generator.publish import rollback as publish_rollback

    try:
        version = publish_rollback(out, _say)
    except OutputError as exc:
        _fail(exc)
    click.echo(f"{out} now serves the build of {version.name}", err=True)


@main.command()
@click.argument("issue")
@records_option
@out_option
@as_of_option
@config_option
@cache_option
def bulletin(issue: str, records: Path, out: Path, day: dt.datetime | None, config_file: Path, cache: Path | None) -> None:
    """Build one bulletin issue, e.g. 2017-23, into OUT/bulletins/ (an issued one: its sealed public copy)."""
    from generator.build import build_bulletins, bulletins, offer_bulletins
    from generator.editions.ledger import Archive
    from generator.records.public import Views

    processes.start(processes.PRINTING)  # the workers' libraries load while the records are read
    project = _project(config_file, cache)
    catalog = _catalog(records, project.cache.root)
    as_of = day.date() if day else today()
    views = Views(catalog, as_of)
    try:
        contents = bulletins(views, as_of, issue)
        archive, edition = Archive(catalog.issued, as_of), contents[0].issue.id
        if archive.original("bulletin", edition) is not None:
            pdfs = offer_bulletins(catalog, archive, as_of, out / "bulletins", only=edition)
        else:
            with project.cache.in_use(), processes.pool() as workers:
                pdfs = build_bulletins(contents, views, project, out / "bulletins", workers).outputs
        for pdf in pdfs:
            click.echo(str(pdf))
    except (OutputError, IssuedError) as exc:
        _fail(exc)


@main.command()
@click.argument("week")
@records_option
@out_option
@as_of_option
@config_option
@cache_option
@click.option("--no-preview", is_flag=True, help="Skip the preview video.")
def episode(week: str, records: Path, out: Path, day: dt.datetime | None, config_file: Path, cache: Path | None, no_preview: bool) -> None:
    """Build one episode's TV pack, e.g. 2017-W23, into OUT/broadcast/."""
    from generator.build import build_episodes, episodes, pack_warnings
    from generator.editions.ledger import Archive
    from generator.records.public import Views

    processes.start(processes.PACKING)  # the workers' libraries load while the records are read
    project = _project(config_file, cache)
    catalog = _catalog(records, project.cache.root)
    as_of = day.date() if day else today()
    views = Views(catalog, as_of)
    try:
        chosen = episodes(views, as_of, week)
        aired = Archive(catalog.issued, as_of).original("episode", chosen[0].id)
        if aired is not None:
            raise OutputError(
                f"{chosen[0].id} aired and was issued on {aired.issued}: its pack is not made again "
                f"(the aired text is in {catalog.issued.folder / 'episode' / chosen[0].id})"
            )
        weeks = {episode.id for episode in chosen}
        with project.cache.in_use(), processes.pool() as workers:
            placed = build_episodes(views, chosen, as_of, project, out / "broadcast", weeks, set() if no_preview else weeks, workers).outputs
            packs = [pack.pack() for pack in placed]
        for pack in packs:
            click.echo(str(pack.archive))
        for line in pack_warnings(packs):
            click.echo(line, err=True)
    except OutputError as exc:
        _fail(exc)


@main.command()
@click.argument("case_id", required=False)
@click.option("--closure", is_flag=True, help="Write the case's 销号 notice instead of its order; the case must be closed.")
@records_option
@papers_out_option
@as_of_option
@config_option
@cache_option
def order(case_id: str | None, closure: bool, records: Path, out: Path, day: dt.datetime | None, config_file: Path, cache: Path | None) -> None:
    """Write a case's order (交办单, 挂牌督办通知书 or 转办单) into OUT/orders/, as PDF and HTML.

    With --closure, the 销号 notice of a closed case. Without CASE_ID, the
    papers of every case opened (with --closure: closed) by the date. A paper
    issued by the date (safety365 issue order) is its sealed copy, as sent.
    """
    from generator import issue as issuing
    from generator.build import ORDERS, build_orders, offer_orders
    from generator.editions.ledger import Archive
    from generator.editions.orders import case_of, changed, papers, sealed

    catalog = _catalog(records)
    as_of = day.date() if day else today()
    try:
        chosen = papers(catalog, as_of, case_id, closure)
        archive = Archive(catalog.issued, as_of)
        entries = [(paper, sealed(archive, paper)) for paper in chosen]
        issued = [(paper, entry) for paper, entry in entries if entry is not None]
        pdfs = offer_orders(archive, [entry for _, entry in issued], out / ORDERS)
    except (OutputError, IssuedError) as exc:
        _fail(exc)
    for paper, entry in issued:
        if changed(entry, paper):
            click.echo(
                f"warning: {case_of(paper)} changed since its {entry.kind} was issued on {entry.issued}: "
                f"the sealed copy is printed{issuing.SUPPLEMENT}",
                err=True,
            )
    fresh = [paper for paper, entry in entries if entry is None]
    rendered = "none rendered"
    if fresh:
        project = _project(config_file, cache)
        with project.cache.in_use(), processes.pool() as workers:
            built = build_orders(fresh, catalog.office, project, out / ORDERS, workers)
        pdfs.extend(built.outputs)
        rendered = built.summary("papers")
    for pdf in pdfs:
        click.echo(str(pdf))
    click.echo(f"{'销号 notices' if closure else 'orders'}: {len(issued)} issued (sealed copies), {rendered}", err=True)


@main.command()
@records_option
@papers_out_option
@as_of_option
@config_option
def register(records: Path, out: Path, day: dt.datetime | None, config_file: Path) -> None:
    """Write the register (督办台账) of every case open on the date: OUT/orders/register.xlsx and register.pdf.

    The PDF holds the same table, grouped by the unit that must answer, then
    one reminder page (逾期提醒) for each unit with overdue cases.
    """
    from generator.build import ORDERS
    from generator.editions.register import register as open_cases
    from generator.files import write_atomic
    from generator.orders import register as sheets  # WeasyPrint and openpyxl load only when printing
    from generator.paper.layout import Layout

    catalog = _catalog(records)
    content = open_cases(catalog, day.date() if day else today())
    project = _project(config_file, None)
    workbook = sheets.workbook(content)
    rendered = sheets.render(content, catalog.office, Layout.of(project.theme, ORDERS))
    for name, data in (("register.xlsx", workbook), ("register.pdf", rendered.pdf)):
        write_atomic(out / ORDERS / name, data)
        click.echo(str(out / ORDERS / name))
    click.echo(f"register: {content.cases} open case(s), {len(content.overdue)} unit(s) with overdue cases", err=True)


@main.command()
@click.argument("name", metavar="EDITION")
@records_option
@out_option
@as_of_option
@config_option
def wechat(name: str, records: Path, out: Path, day: dt.datetime | None, config_file: Path) -> None:
    """Write the WeChat article of an episode (2017-W50) or a bulletin issue (2017-23) into OUT/wechat/.

    article.html has every style inline, ready to paste into the official account's editor; its
    pictures sit beside it, listed in order in manifest.json. An article over the platform's
    limits is refused, naming the field, and nothing is written.
    """
    from generator.build import edition
    from generator.reach import wechat as channel  # Pillow, matplotlib, css-inline: only for this command
    from generator.reach.staging import replacing

    catalog = _catalog(records)
    as_of = day.date() if day else today()
    project = _project(config_file, None)
    try:
        chosen = edition(name, as_of)
        article, office = channel.article(catalog, chosen, as_of, project.site_url, records)
        with replacing(out / channel.FOLDER / chosen.id) as folder:
            channel.write(article, office, project.theme / "reach" / "wechat", project.site_url, folder)
    except OutputError as exc:
        _fail(exc)
    click.echo(str(out / channel.FOLDER / chosen.id / channel.ARTICLE))


@main.command()
@click.argument("week")
@records_option
@out_option
@as_of_option
@config_option
def clips(week: str, records: Path, out: Path, day: dt.datetime | None, config_file: Path) -> None:
    """Render an episode's 红黑榜 and 安全知识 as vertical clips, e.g. 2017-W50, into OUT/clips/.

    1080x1920 H.264, at most a minute each, captions burned in by Debian's ffmpeg
    and libass; each clip's cover (JPEG) and captions (ASS) beside it.
    """
    from generator.build import edition
    from generator.editions.calendar import Episode
    from generator.reach import clips as channel  # Pillow, ffmpeg: only for this command
    from generator.reach.staging import replacing

    catalog = _catalog(records)
    as_of = day.date() if day else today()
    project = _project(config_file, None)
    try:
        chosen = edition(week, as_of)
        if not isinstance(chosen, Episode):
            raise OutputError(f"clips are made of an episode's segments: give an episode like 2017-W50, not the bulletin issue {week}")
        planned = channel.week_clips(catalog, chosen, as_of, project.site_url)
        with replacing(out / channel.FOLDER / chosen.id) as folder:
            made = channel.write(planned, chosen, folder)
    except OutputError as exc:
        _fail(exc)
    for path in made:
        click.echo(str(out / channel.FOLDER / chosen.id / path.name))


@main.command()
@click.argument("issue")
@records_option
@out_option
@as_of_option
@config_option
def distribution(issue: str, records: Path, out: Path, day: dt.datetime | None, config_file: Path) -> None:
    """Print a bulletin issue's post-room papers, e.g. 2017-23, into OUT/distribution/.

    From office.yaml's distribution list as it stood on the issue's date: copies
    per recipient and in total, an A4 label sheet (2 x 7) and a delivery receipt
    (签收单) with a row per recipient to sign, all PDF.
    """
    from generator.build import edition
    from generator.editions.calendar import Issue
    from generator.reach import distribution as post  # WeasyPrint: only for this command
    from generator.reach.staging import replacing

    catalog = _catalog(records)
    as_of = day.date() if day else today()
    project = _project(config_file, None)
    try:
        chosen = edition(issue, as_of)
        if not isinstance(chosen, Issue):
            raise OutputError(f"the post room sends bulletin issues: give an issue like 2017-23, not the episode {issue}")
        run = post.print_run(catalog, chosen, as_of, records / "office.yaml")
        with replacing(out / post.FOLDER / chosen.id) as folder:
            made = post.write(run, project.theme / "reach" / "post", folder)
    except OutputError as exc:
        _fail(exc)
    click.echo(f"{len(run.recipients)} recipients, {run.copies} copies", err=True)
    for path in made:
        click.echo(str(out / post.FOLDER / chosen.id / path.name))


@main.command()
@records_option
@as_of_option
@config_option
@click.option(
    "--dev-addr", "address", default="127.0.0.1:8000", show_default=True, help="Address to serve on, host:port.",
    callback=lambda ctx, param, value: _address(value),
)
def serve(records: Path, day: dt.datetime | None, config_file: Path, address: str) -> None:
    """Serve the site locally and show every saved record within seconds (the editors' preview).

    Problems in the records are printed as path:line:col: message; the page
    keeps its last good state until they are fixed.
    """
    from generator.site.serve import serve as run  # mkdocs is slow to import

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name in ("mkdocs", "safety365"):
        logging.getLogger(name).setLevel(logging.INFO)

    def report(problems: list[Problem]) -> None:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{len(problems)} problem(s); fix and save to see the site again", err=True)

    if not run(records, config_file, day.date() if day else today(), address, report):
        sys.exit(1)


signed_by_option = click.option("--signed-by", "signer", required=True, help="The editor who signs (one of `editors` in office.yaml).")
date_option = click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Day of signing (default: today).")


@main.group()
def issue() -> None:
    """Issue an edition for good: seal its files into records/issued/ and add it to the ledger, once."""


Act = Callable[[Catalog, str, str, dt.date, "Project"], "Entry"]
"""An issuing function: (catalog, edition, signer, day, project) to the ledger entry it sealed."""


def _issue(
    act: Act, preload: tuple[str, ...], edition: str, signer: str, day: dt.datetime | None, records: Path, config_file: Path, cache: Path | None
) -> None:
    processes.start(preload)  # the worker's libraries load while the records are read
    project = _project(config_file, cache)
    catalog = _catalog(records, project.cache.root)  # the records the last build read are remembered there
    started = time.perf_counter()
    try:
        entry = act(catalog, edition, signer, day.date() if day else today(), project)
    except (OutputError, IssuedError) as exc:
        _fail(exc)
    corrections = f", {len(entry.corrections)} correction(s)" if entry.corrections else ""
    click.echo(
        f"issued {entry.kind} {entry.edition} on {entry.issued}, signed by {entry.signed_by}: "
        f"{len(entry.files)} files, {len(entry.records)} records{corrections} in {catalog.issued.folder} "
        f"({time.perf_counter() - started:.1f} s)"
    )


@issue.command("bulletin")
@click.argument("edition")
@signed_by_option
@date_option
@records_option
@config_option
@cache_option
def issue_bulletin(edition: str, signer: str, day: dt.datetime | None, records: Path, config_file: Path, cache: Path | None) -> None:
    """Issue bulletin EDITION (e.g. 2017-23) once its half month is over, with the corrections it must carry."""
    from generator import issue as issuing

    _issue(issuing.issue_bulletin, processes.PRINTING, edition, signer, day, records, config_file, cache)


@issue.command("episode")
@click.argument("edition")
@signed_by_option
@date_option
@records_option
@config_option
@cache_option
def issue_episode(edition: str, signer: str, day: dt.datetime | None, records: Path, config_file: Path, cache: Path | None) -> None:
    """Issue episode EDITION (e.g. 2017-W50) once it has aired: its rundown, captions and slide texts; the pack's sha256."""
    from generator import issue as issuing

    _issue(issuing.issue_episode, processes.PACKING, edition, signer, day, records, config_file, cache)


@issue.command("order")
@click.argument("case_id")
@click.option("--closure", is_flag=True, help="Issue the case's 销号 notice (the case closed, its order issued) instead of its order.")
@signed_by_option
@date_option
@records_option
@config_option
@cache_option
def issue_order(case_id: str, closure: bool, signer: str, day: dt.datetime | None, records: Path, config_file: Path, cache: Path | None) -> None:
    """Issue the order of case CASE_ID as sent: `safety365 order` prints this sealed copy from then on.

    An order is issued once; a changed requirement needs a new order (补充通知),
    made from a new case with its own order number.
    """
    from generator import issue as issuing

    _issue(functools.partial(issuing.issue_order, closing=closure), processes.PRINTING, case_id, signer, day, records, config_file, cache)


@main.command()
@signed_by_option
@date_option
@records_option
@config_option
@cache_option
def redact(signer: str, day: dt.datetime | None, records: Path, config_file: Path, cache: Path | None) -> None:
    """Issue the redacted public copies that withdrawn records (withdrawals, credit repairs) call for.

    The archive keeps every original; each copy blacks out the withdrawn
    items with their legal basis and gets its own ledger entry.
    """
    from generator import issue as issuing
    from generator.build import Project

    catalog = _catalog(records)
    try:
        made: list[Entry] = issuing.redact(catalog, signer, day.date() if day else today(), Project.read(config_file, cache))
    except (OutputError, IssuedError) as exc:
        _fail(exc)
    for entry in made:
        click.echo(f"redacted public copy of {entry.kind} {entry.edition}: {', '.join(entry.redacted)} withdrawn")
    if not made:
        click.echo("no public copy needs redacting", err=True)


@main.command()
@records_option
@as_of_option
def verify(records: Path, day: dt.datetime | None) -> None:
    """Re-hash the archive (records/issued/) against its ledger; list every file changed, lost or not listed.

    Also lists issued bulletins that show a record withdrawn by the date
    (default: today) and still lack their redacted public copy. Exits 1 on
    any problem, so a records repository's CI can run it.
    """
    from generator import issue as issuing

    catalog = _catalog(records)
    problems = list(issuing.check_archive(catalog, day.date() if day else today()))
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {catalog.issued.folder}", err=True)
        sys.exit(1)
    files = sum(len(entry.files) for entry in catalog.issued.entries)
    click.echo(f"{len(catalog.issued.entries)} ledger entries, {files} archived files OK", err=True)


@main.command()
@records_option
@click.option("--port", default=8365, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--author", help='Author of the desk\'s commits, "Name <email>" (default: git\'s user.name and user.email).')
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; only this name is accepted as Host.")
@click.option(
    "--preview", default="http://127.0.0.1:8000/", show_default=True,
    help="The local site of `safety365 serve`, where each record's page is previewed ('' for none).",
)
def desk(records: Path, port: int, author: str | None, host: str, preview: str) -> None:
    """Edit records in the browser (Decap CMS): every save is checked like `check` and committed to git."""
    from generator.desk.repo import GitError, Repository
    from generator.desk.server import DECAP, Desk
    from generator.desk.store import Store

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (DECAP / "decap-cms.js").is_file():
        _fail(OutputError(f"Decap CMS is not installed at {DECAP}: run `make install` (npm ci)"))
    if not records.is_dir():
        _fail(OutputError(f"records folder not found: {records}"))
    try:
        store = Store(records, Repository(records, author))
    except GitError as exc:
        _fail(OutputError(f"{records} is not in a usable git repository ({exc}); run `git init` there first"))
    try:
        server = Desk((host, port), store, preview or None)
    except OSError as exc:
        _fail(OutputError(f"cannot listen on {host}:{port}: {exc.strerror}"))
    if store.archive.problems:
        click.echo(f"{len(store.archive.problems)} problem(s) in the records already; saves that add none are accepted", err=True)
    click.echo(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
