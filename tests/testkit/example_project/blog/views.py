from blog.models import Post
from framework.contrib.auth.decorators import login_required
from framework.core.mail import send_mail
from framework.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from framework.shortcuts import get_object_or_404, redirect, render


def post_list(request):
    posts = Post.objects.filter(published=True)
    return render(request, "blog/list.html", {"posts": posts, "title": "Blog"})


def post_detail(request, pk):
    post = get_object_or_404(Post, pk=pk)
    return render(request, "blog/detail.html", {"post": post})


def post_create(request):
    if request.method != "POST":
        return render(request, "blog/form.html", {})
    title = request.POST.get("title", "").strip()
    if not title:
        return HttpResponseBadRequest("title is required")
    post = Post.objects.create(title=title, body=request.POST.get("body", ""), published=True)
    send_mail(f"New post: {title}", post.body, "blog@example.com", ["editor@example.com"])
    return redirect("blog:detail", pk=post.pk)


def post_api(request):
    posts = [{"id": p.pk, "title": p.title} for p in Post.objects.filter(published=True)]
    return JsonResponse({"posts": posts})


def old_home(request):
    return redirect("blog:list")


def visits(request):
    request.session["visits"] = request.session.get("visits", 0) + 1
    return HttpResponse(f"visits={request.session['visits']}")


@login_required
def dashboard(request):
    return HttpResponse(f"Hello {request.user.get_username()}")
