"""The Typer application, its global options and the one error edge."""

import gc
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from silkcli import __version__
from silkcli.cli import shells, state
from silkcli.cli.lazy import LazyGroup
from silkcli.cli.option import option
from silkcli.cli.output import emit, note
from silkcli.cli.shells import Shell
from silkcli.cli.typer_paths import help_text
from silkcli.errors import ExitCode, Interrupted, PipeClosed, SilkError, exit_codes_help
from silkcli.files import came_while_held, held_signals

app = typer.Typer(
    name="silkcli",
    cls=LazyGroup,
    help=(
        "Sourced facts about the Republic of Korea – Kyrgyz Republic Comprehensive Partnership "
        "(Seoul, 3 December 2024): documents, people, dates, antimony reserves, quotes.\n\n"
        "Every fact carries its source and a verbatim quote. " + exit_codes_help() + "\n\n"
        "\b\nExamples:\n"
        "silkcli agreements --sector mining\n"
        "silkcli show Japarov\n"
        "silkcli search small hydropower -f json"
    ),
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,  # silkcli's own options below (cli/shells.py says why)
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _install_completion(ctx: typer.Context, value: Shell | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    path = shells.install(value, Path.home())
    note(f"{value.value} completion installed in {path}; it takes effect in a new {value.value} session")
    raise typer.Exit()


def _show_completion(ctx: typer.Context, value: Shell | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    emit(shells.script(value))
    raise typer.Exit()


def _shell_option(name: str, does: str, run: Any) -> Any:
    """A root option that takes a shell's name, acts on it with ``run`` and ends the run."""
    return typer.Option(
        name,
        metavar="<" + "|".join(s.value for s in Shell) + ">",
        help=does,
        callback=run,
        is_eager=True,
        expose_value=False,
        show_default=False,
        case_sensitive=False,
    )


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        option(
            "--data",
            envvar="SILKCLI_DATA",
            help="Dataset file (YAML, or JSON in the same schema) instead of the bundled one.",
            readable=False,  # the loader says why a file cannot be read, as a dataset problem (exit 3)
        ),
    ] = None,
    color: Annotated[
        str | None,
        option(
            "--color",
            metavar="<auto|always|never>",
            help="Colour what is drawn: auto honours NO_COLOR, TERM=dumb, FORCE_COLOR, CLICOLOR_FORCE.",
        ),
    ] = None,
    max_size: Annotated[
        str | None,
        option(
            "--max-size",
            envvar="SILKCLI_MAX_SIZE",
            metavar="<size>",
            help="Largest dataset file to read, such as 2G or 500M [default: 768M]; larger files are refused unread.",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Print every note on stderr, not only the first two lines of them.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", envvar="SILKCLI_DEBUG", help="Show a traceback for internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Show the package and dataset versions, then exit."),
    ] = False,
    install_completion: Annotated[
        Shell | None,
        _shell_option("--install-completion", "Install completion for that shell, then exit.", _install_completion),
    ] = None,
    show_completion: Annotated[
        Shell | None,
        _shell_option(
            "--show-completion",
            "Print the completion script for that shell, to copy it or customize the installation.",
            _show_completion,
        ),
    ] = None,
) -> None:
    """Sourced facts about the Korea–Kyrgyzstan Comprehensive Partnership."""
    if data is not None:
        state.set_data_path(data)
    if color is not None:
        state.set_color(state.color_mode(color))
    state.set_max_size(max_size)
    state.set_verbose(verbose)
    if version:
        meta = state.load().meta
        about = f"silkcli {__version__}\ndataset {meta.version} (updated {meta.updated.isoformat()}): {meta.title}\n"
        about += f"{meta.as_of()}\n"
        emit(about, for_person=True)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        emit(help_text(ctx) + "\n", for_person=True)


def _debugging(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("SILKCLI_DEBUG", "") not in ("", "0")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; the one place errors become messages and exit codes.

    Run as the program (no ``argv``), the cyclic garbage collector does not run: a run
    is short and makes next to no cyclic garbage, and collections would walk every
    decoded record for nothing (253 ms of CPU for the mining query of 100,000
    documents; alternated, 15 runs of each).
    """
    if argv is None:
        gc.disable()
    saved: dict[int, Any] = {}
    try:
        try:
            with held_signals():  # a signal that came just before is acted on in the run, not while they are set
                _catch_signals(saved)
            _run(sys.argv[1:] if argv is None else argv)
        except Interrupted as exc:  # a signal just before or after the run's own error edge
            _fail(exc)
    except SystemExit as exc:
        if argv is not None:
            raise
        raise SystemExit(_flushed(exc.code)) from None
    finally:
        while True:  # a signal acted on as this begins (the run is over) must not leave Interrupted's handler
            try:
                _restore_signals(saved)
                break
            except Interrupted:
                continue


#: The signals that end a run the way Ctrl-C does: nothing half-written is left, and the exit code says which.
_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def _stop(signum: int, frame: object) -> None:
    if not came_while_held(signum):
        raise Interrupted(signum)


def _catch_signals(saved: dict[int, Any]) -> dict[int, Any]:
    """Turn Ctrl-C, SIGTERM and SIGHUP into :class:`Interrupted`, the one way a run is stopped.

    Every handler there now is kept in ``saved`` before any is replaced, so that a signal
    acted on while they are being set (one that came just before) still has them all put back.
    """
    try:
        signums = [s for s in (getattr(signal, name, None) for name in _SIGNALS) if s is not None]
        saved.update((signum, signal.getsignal(signum)) for signum in signums)
        for signum in signums:
            signal.signal(signum, _stop)
    except (ValueError, OSError):  # not the main thread: leave the signals alone
        saved.clear()
    return saved


def _restore_signals(saved: dict[int, Any]) -> None:
    """Put ``saved`` back; a signal acted on meanwhile (the run is over) does not stop that."""
    for signum, handler in saved.items():
        while handler is not None:  # None: not set from Python (it cannot be put back from here)
            try:
                signal.signal(signum, handler)
                break
            except Interrupted:
                continue


def _flushed(code: object) -> int:
    """The exit code for ``code``, once stdout and stderr are flushed (a closed stdout is silenced)."""
    if code is not None and not isinstance(code, int):
        note(str(code))
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: the program was started with it closed
                stream.flush()
        except (OSError, ValueError):
            if stream is sys.stdout:
                _silence_stdout()
    return code or 0


def _run(args: list[str]) -> None:
    state.reset()
    if os.environ.get(shells.PROTOCOL_VARIABLE):
        # Registers Typer's answers to the scripts, as add_completion=True did on every run.
        from typer.completion import get_completion_inspect_parameters  # noqa: PLC0415 - only a TAB needs it

        get_completion_inspect_parameters()
    try:
        code = app(args=args, prog_name="silkcli", standalone_mode=False)
        if isinstance(code, int) and not isinstance(code, bool) and code:
            sys.exit(code)  # typer.Exit(N) raised by a command
    except SilkError as exc:
        _fail(exc)
    except ClickError as exc:
        _fail_usage(exc)
    except typer.Abort:
        note("error: aborted")
        sys.exit(1)
    except RecursionError:
        note("error: input nested too deeply")
        sys.exit(ExitCode.data)
    except Exception as exc:
        if _debugging(args):
            import traceback  # noqa: PLC0415 - only a bug being reported needs it

            traceback.print_exc()  # the traceback asked for, and still the documented exit code
            sys.exit(ExitCode.internal)
        note(f"error: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)")
        sys.exit(ExitCode.internal)


def _fail(exc: SilkError) -> None:
    """Print the error's lines and exit with its code."""
    if isinstance(exc, PipeClosed):
        _silence_stdout()
    for line in exc.lines():
        note(line)
    sys.exit(exc.exit_code)


#: Click's errors (Typer's vendored Click), reached through the public ``typer.BadParameter``: its bases.
ClickError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
ClickUsageError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _fail_usage(exc: Exception) -> None:
    """A Click/Typer error in silkcli's one style: ``error: WHAT (did you mean …?)`` and one hint line."""

    # This and the completion helpers' import in lazy.py: 2.5 ms of `silkcli --help` (CPU, alternated, 31 runs).
    from silkcli.cli.usage import usage_lines  # noqa: PLC0415

    lines, code = usage_lines(exc, usage=isinstance(exc, ClickUsageError))
    for line in lines:
        note(line)
    sys.exit(code)


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
