#compdef careerkit
# careerkit completion for zsh. Load it in ~/.zshrc, after compinit:
#     eval "$(careerkit completion zsh)"
# or save it as _careerkit in a folder of your $fpath.
_careerkit() {
    local -a reply plain described
    local kind value help
    reply=("${(@f)$(COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT - 1)) _CAREERKIT_COMPLETE=zsh_complete ${words[1]} 2>/dev/null)}")
    for kind value help in "${reply[@]}"; do
        case $kind in
            plain)
                if [[ $help == _ ]]; then plain+=("$value"); else described+=("${value//:/\\:}:$help"); fi ;;
            file) _path_files; return ;;
            dir) _path_files -/; return ;;
        esac
    done
    (( ${#described} )) && _describe -V careerkit described -U
    (( ${#plain} )) && compadd -U -V careerkit -a plain
    return 0
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _careerkit "$@"
else
    compdef _careerkit careerkit
fi
