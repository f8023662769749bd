# careerkit completion for bash (4.4 or newer). Load it in ~/.bashrc:
#     eval "$(careerkit completion bash)"
# or save it once: careerkit completion bash > ~/.local/share/bash-completion/completions/careerkit
_careerkit_complete() {
    local IFS=$'\n' line kind
    local reply
    reply=$(COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD _CAREERKIT_COMPLETE=bash_complete "$1" 2>/dev/null)
    COMPREPLY=()
    for line in $reply; do
        kind=${line%%,*}
        case $kind in
            plain) COMPREPLY+=("${line#*,}") ;;
            file) COMPREPLY=(); compopt -o default; return 0 ;;
            dir) COMPREPLY=(); compopt -o dirnames; return 0 ;;
        esac
    done
    return 0
}
complete -o nosort -F _careerkit_complete careerkit
