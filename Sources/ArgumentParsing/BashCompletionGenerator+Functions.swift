/// The fixed functions of the bash script: the word walker, `@FILE` and file completion, and
/// the stand-ins for bash-completion's functions when it is not loaded.
extension BashCompletionGenerator {
  func atFileFunction() -> String {
    let name = functionName
    return """
      # Completes the file name after the @ of a value like `-d @FILE`.
      \(name)_at_file() {
          [[ $cur == @* ]] || return 0
          local prefix=@ file
          # Readline replaces only the text after the last word-break character, and '@'
          # usually is one.
          [[ $COMP_WORDBREAKS == *@* ]] && prefix=
          while IFS= read -r file; do
              if [[ -d $file ]]; then
                  file+=/
                  compopt -o nospace 2>/dev/null
              fi
              COMPREPLY+=("$prefix$file")
          done < <(compgen -f -- "${cur#@}")
      }

      """
  }

  /// File names for a value: `_filedir` when bash-completion is loaded, else compgen.
  func fileFunction() -> String {
    let name = functionName
    return """
      # Adds the file names that start with $cur: $1 is -d for directories only, or the
      # extensions to offer (json|yml); directories are always offered, to descend into.
      \(name)_filedir() {
          if declare -F _filedir >/dev/null; then
              _filedir "$@"
              return
          fi
          compopt -o filenames 2>/dev/null
          local kind=-f file extension extensions=()
          if [[ $1 == -d ]]; then
              kind=-d
          else
              IFS='|' read -ra extensions <<<"$1"
          fi
          while IFS= read -r file; do
              if ((${#extensions[@]} == 0)) || [[ -d $file ]]; then
                  COMPREPLY+=("$file")
                  continue
              fi
              for extension in "${extensions[@]}"; do
                  [[ $file == *."$extension" ]] && COMPREPLY+=("$file") && break
              done
          done < <(compgen $kind -- "$cur")
      }

      """
  }

  /// What `_init_completion -s -n :@` provides, from plain bash's COMP_WORDS.
  func plainWordsFunction() -> String {
    let name = functionName
    return """
      # Without bash-completion: cur, prev, words and cword as readline split the line. It
      # splits at = and @ too: `--opt=VALUE` completes VALUE for --opt (split=true), and the
      # @ of `-d @FILE` is put back on its word.
      \(name)_plain_words() {
          words=("${COMP_WORDS[@]}") cword=$COMP_CWORD split=false
          cur=${words[cword]} prev=
          ((cword > 0)) && prev=${words[cword - 1]}
          local before=${COMP_LINE:0:COMP_POINT}
          if [[ $cur == = && $prev == --* ]]; then
              cur= split=true
          elif [[ $prev == = && $before == *"=$cur" ]] && ((cword > 1)) &&
              [[ ${words[cword - 2]} == --* ]]; then
              prev=${words[cword - 2]} split=true
          elif [[ $prev == @ && $before == *"@$cur" ]]; then
              cur=@$cur
              words=("${words[@]:0:cword - 1}" "$cur")
              ((cword--))
              prev=${words[cword - 1]}
          fi
      }

      """
  }

  func mainFunction() -> String {
    let name = functionName
    return """
      # Completes the word at the cursor. The words before it give the command, an option
      # still waiting for its value, and how many positionals are already there.
      \(name)() {
          local cur prev words cword split
          if declare -F _init_completion >/dev/null; then
              _init_completion -s -n :@ || return
          else
              \(name)_plain_words
          fi

          local path=/ word pending= positional=0 options_done= i j
          for ((i = 1; i < cword; i++)); do
              word=${words[i]}
              if [[ -n $pending ]]; then
                  pending=
              elif [[ -n $options_done || $word != -?* ]]; then
                  if ((positional == 0)) &&
                      [[ " $(\(name)_subcommands "$path") " == *" $word "* ]]; then
                      path=${path%/}/$word
                  else
                      ((positional++))
                  fi
              elif [[ $word == -- ]]; then
                  options_done=1
              elif [[ $word == --*=* ]]; then
                  continue
              elif [[ $word == --* ]]; then
                  \(name)_takes_value "$path" "$word" && pending=$word
              else
                  # Bundled short options: the first one that takes a value takes the rest
                  # of the word, or the next word when it is last.
                  for ((j = 1; j < ${#word}; j++)); do
                      if \(name)_takes_value "$path" "-${word:j:1}"; then
                          ((j == ${#word} - 1)) && pending=-${word:j:1}
                          break
                      fi
                  done
              fi
          done

          if [[ -n $pending ]]; then
              \(name)_complete_value "$path" "$pending"
          elif [[ $split == true ]]; then
              \(name)_complete_value "$path" "$prev"
          elif [[ -z $options_done && $cur == -* ]]; then
              COMPREPLY=($(compgen -W "$(\(name)_options "$path")" -- "$cur"))
          else
              if ((positional == 0)); then
                  COMPREPLY=($(compgen -W "$(\(name)_subcommands "$path")" -- "$cur"))
              fi
              \(name)_complete_value "$path" $((positional + 1))
              # Nothing to offer for this word: offer the options instead.
              if ((${#COMPREPLY[@]} == 0)) && [[ -z $cur && -z $options_done ]]; then
                  COMPREPLY=($(compgen -W "$(\(name)_options "$path")" -- "$cur"))
              fi
          fi
      }

      # Succeeds when option $2 of the command at path $1 takes a value.
      \(name)_takes_value() {
          [[ " $(\(name)_value_options "$1") " == *" $2 "* ]]
      }

      """
  }
}
