/// The fixed functions of the bash script: the word walker and `@FILE` completion.
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

  func mainFunction() -> String {
    let name = functionName
    return """
      # Completes the word at the cursor. The words before it give the command, an option
      # still waiting for its value, and how many positionals are already there.
      \(name)() {
          local cur prev words cword split
          _init_completion -s -n :@ || return

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
