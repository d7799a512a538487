import Foundation
import TestSupport

/// Runs a generated completion script in a real shell and returns what it offers for each
/// command line (the cursor at the end of the line), in one shell process per call.
enum ShellCompletionHarness {
  /// bash with bash-completion (or, with `bashCompletion: false`, a bare bash that never
  /// loaded it): COMP_WORDS is split from the line as readline splits it (blanks, and runs of
  /// COMP_WORDBREAKS characters), then the completion function runs.
  static func bash(
    script: String, function: String, lines: [String], in directory: String,
    bashCompletion: Bool = true
  ) throws -> [[String]] {
    let temporary = try TemporaryDirectory()
    let scriptPath = try temporary.write("completion.bash", script)
    let driver = try temporary.write("driver.bash", bashDriver)
    let library = bashCompletion ? "/usr/share/bash-completion/bash_completion" : "/dev/null"
    let result = try Subprocess.run(
      "/bin/bash",
      ["--norc", "--noprofile", driver, library, scriptPath, function, directory] + lines,
      environment: ["PATH": "/usr/bin:/bin", "HOME": temporary.path, "LANG": "C.UTF-8"],
      timeout: 30)
    // A completion function that writes to stderr garbles the user's command line.
    guard result.status == 0, result.stderrText.isEmpty else {
      throw SubprocessError("bash driver failed (\(result.status)): \(result.stderrText)")
    }
    return candidates(in: result.stdoutText, count: lines.count)
  }

  /// zsh with compinit: an interactive zsh in a zpty gets each line and a TAB; a `compadd`
  /// wrapper records every candidate a completion function offers.
  static func zsh(script: String, name: String, lines: [String], in directory: String)
    throws -> [[String]]
  {
    let temporary = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: temporary.path + "/functions", withIntermediateDirectories: true)
    try temporary.write("functions/_" + name, script)
    try temporary.write(".zshrc", zshStartup)
    let driver = try temporary.write("driver.zsh", zshDriver)
    let result = try Subprocess.run(
      "/usr/bin/zsh", ["-f", driver, temporary.path, directory] + lines,
      environment: [
        "PATH": "/usr/bin:/bin", "HOME": temporary.path, "LANG": "C.UTF-8", "TERM": "dumb",
      ],
      timeout: 60)
    guard result.status == 0 else {
      throw SubprocessError("zsh driver failed (\(result.status)): \(result.stderrText)")
    }
    return candidates(in: result.stdoutText, count: lines.count)
  }

  /// Splits the drivers' output: each line's candidates, then `--end--`.
  private static func candidates(in output: String, count: Int) -> [[String]] {
    var groups: [[String]] = [[]]
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "--end--" {
        groups.append([])
      } else if !line.isEmpty {
        groups[groups.count - 1].append(String(line))
      }
    }
    return Array(groups.prefix(count))
  }

  private static let bashDriver = #"""
    source "$1" || exit 90
    source "$2" || exit 91
    function=$3
    cd "$4" || exit 92
    shift 4
    split_line() {
        local i c kind last= word=
        COMP_WORDS=()
        for ((i = 0; i < ${#COMP_LINE}; i++)); do
            c=${COMP_LINE:i:1}
            if [[ $c == [[:blank:]] ]]; then kind=blank
            elif [[ $COMP_WORDBREAKS == *"$c"* ]]; then kind=break
            else kind=word; fi
            if [[ $kind != "$last" || $kind == blank ]]; then
                [[ -n $word ]] && COMP_WORDS+=("$word")
                word=
            fi
            [[ $kind != blank ]] && word+=$c
            last=$kind
        done
        COMP_WORDS+=("$word")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    }
    for COMP_LINE in "$@"; do
        COMP_POINT=${#COMP_LINE} COMP_TYPE=9 COMP_KEY=9
        split_line
        COMPREPLY=()
        "$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
            "${COMP_WORDS[COMP_CWORD - 1]}"
        printf '%s\n' "${COMPREPLY[@]}"
        echo --end--
    done
    """#

  private static let zshStartup = #"""
    PS1='%% ' RPS1=''
    unsetopt beep auto_list auto_menu list_beep
    fpath=($RG_FUNCTIONS $fpath)
    autoload -Uz compinit && compinit -u -D
    zstyle ':completion:*' menu no
    cd $RG_DIRECTORY
    # Records every candidate that a completion function offers.
    compadd() {
        # Calls that only fill arrays (-O, -A, -D) are not offers.
        if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
            builtin compadd "$@"
            return
        fi
        local -a __hits __apre __hpre
        zparseopts -E P:=__apre p:=__hpre
        builtin compadd -A __hits "$@"
        local __hit
        for __hit in $__hits; do
            print -r -- "$IPREFIX${__apre[2]}${__hpre[2]}$__hit" >> $RG_CAPTURE
        done
        builtin compadd "$@"
    }
    # Marks the end of one line's completion and clears the line for the next.
    _rg_capture_done() {
        print -r -- --done-- >> $RG_CAPTURE
        BUFFER=
    }
    zle -N _rg_capture_done
    bindkey '^I' complete-word
    bindkey '^G' _rg_capture_done
    """#

  private static let zshDriver = #"""
    zmodload zsh/zpty zsh/zselect zsh/datetime || exit 90
    export ZDOTDIR=$1 RG_FUNCTIONS=$1/functions RG_CAPTURE=$1/capture RG_DIRECTORY=$2
    shift 2
    zpty rgz zsh -d -i || exit 91
    local line junk deadline
    for line in "$@"; do
        : >| $RG_CAPTURE
        zpty -n -w rgz "$line"$'\t\x07'
        # The first line also waits for zsh to start; 20 s is far more than it needs.
        deadline=$(( EPOCHREALTIME + 20 ))
        while (( EPOCHREALTIME < deadline )); do
            while zpty -r -t rgz junk 2>/dev/null; do :; done
            grep -qx -- --done-- $RG_CAPTURE && break
            zselect -t 1
        done
        grep -qx -- --done-- $RG_CAPTURE || { print -u2 "no completion for: $line"; exit 93; }
        grep -vx -- --done-- $RG_CAPTURE | sort -u
        print -r -- --end--
    done
    zpty -d rgz
    """#
}
